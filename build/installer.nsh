; Included by electron-builder's NSIS template (electron-builder.yml nsis.include).
;
; Per-user install only. With oneClick: false and perMachine: false, the assisted installer still
; shows the "Anyone who uses this computer (all users) / Only for me" page. The install-mode page
; of app-builder-lib/templates/nsis/multiUserUi.nsh calls this macro first: with
; $isForceCurrentInstall set to 1 it selects the per-user mode (%LocalAppData%\Programs) and skips
; the page, so no UAC prompt is ever offered and electron-updater's silent updates need none.
; The uninstaller runs the same page function and so removes the per-user installation silently.
!macro customInstallMode
  StrCpy $isForceCurrentInstall "1"
!macroend
