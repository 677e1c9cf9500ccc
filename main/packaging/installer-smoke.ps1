# Installer smoke test on a real Windows machine (the installer-smoke job of
# .github/workflows/release.yml; usable by hand on a test VM — it installs, starts, kills and
# uninstalls the app for the current user, and leaves %APPDATA%\ARK ASA Server Manager behind):
#
#   pwsh -File main/packaging/installer-smoke.ps1 -Installer release\ARK-ASA-Server-Manager-Setup-0.1.0.exe
#
# 1. silent per-user install (/S): files in %LOCALAPPDATA%\Programs, uninstall entry in HKCU only;
# 2. start hidden (--hidden, what the Start-with-Windows entry passes) → /api/v1/health on 3000;
# 3. a manager.lock naming a live process that is not a manager (this PowerShell) → still starts;
# 4. port 3000 held by another listener → starts on another port, read from the manager's log;
# 5. agent mode (--agent): bad options exit 2; with a host's token it registers with the manager
#    started beside it; a second agent on its data dir exits 1; revoking the host exits it with 3;
# 6. silent uninstall: the install folder and the HKCU entry are gone, the data folder is kept.
param(
  [Parameter(Mandatory = $true)][string]$Installer,
  [int]$TimeoutSec = 120
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Product = 'ARK ASA Server Manager'
$InstallDir = Join-Path $env:LOCALAPPDATA "Programs\$Product"
$Exe = Join-Path $InstallDir "$Product.exe"
$Uninstaller = Join-Path $InstallDir "Uninstall $Product.exe"
$DataDir = Join-Path $env:APPDATA $Product
$LockFile = Join-Path $DataDir 'manager.lock'
$LogDir = Join-Path $DataDir 'logs'
$DefaultPort = 3000

function Step([string]$Text) { Write-Host "::group::$Text" }
function EndStep { Write-Host '::endgroup::' }
function Fail([string]$Text) {
  Write-Host "::error::$Text"
  foreach ($log in @('manager.log', 'shell.log')) {
    $file = Join-Path $LogDir $log
    if (Test-Path $file) { Write-Host "--- last lines of $log"; Get-Content $file -Tail 40 | Write-Host }
  }
  throw $Text
}

function Get-UninstallEntry([string]$Hive) {
  Get-ChildItem "${Hive}:\Software\Microsoft\Windows\CurrentVersion\Uninstall" -ErrorAction SilentlyContinue |
    Get-ItemProperty | Where-Object { $_.PSObject.Properties['DisplayName'] -and $_.DisplayName -like "$Product*" }
}

function Stop-App {
  # Killing is the point here: the lock and the port must not depend on a clean shutdown.
  Get-Process | Where-Object { $_.Path -and $_.Path.StartsWith($InstallDir, 'OrdinalIgnoreCase') } |
    Stop-Process -Force -ErrorAction SilentlyContinue
  $deadline = (Get-Date).AddSeconds(30)
  while ((Get-Process | Where-Object { $_.Path -and $_.Path.StartsWith($InstallDir, 'OrdinalIgnoreCase') }) -and (Get-Date) -lt $deadline) {
    Start-Sleep -Milliseconds 500
  }
}

function Wait-Health([int]$Port) {
  $deadline = (Get-Date).AddSeconds($TimeoutSec)
  while ((Get-Date) -lt $deadline) {
    try {
      $health = Invoke-RestMethod -Uri "http://127.0.0.1:$Port/api/v1/health" -TimeoutSec 5
      if ($health.status -eq 'ok') { return $health }
    } catch { Start-Sleep -Seconds 1 }
  }
  Fail "no healthy manager on port $Port after $TimeoutSec s"
}

# The port the control plane reports in its log ("control plane started", pino JSON lines) after $Since.
function Wait-LoggedPort([datetime]$Since) {
  $sinceMs = ([DateTimeOffset]$Since).ToUnixTimeMilliseconds()
  $deadline = (Get-Date).AddSeconds($TimeoutSec)
  while ((Get-Date) -lt $deadline) {
    foreach ($log in @('manager.log', 'shell.log')) {
      $file = Join-Path $LogDir $log
      if (-not (Test-Path $file)) { continue }
      foreach ($line in (Get-Content $file -Tail 200)) {
        try { $entry = $line | ConvertFrom-Json } catch { continue }
        if (-not $entry.PSObject.Properties['msg'] -or $entry.msg -notlike 'control plane started*') { continue }
        $time = 0L
        if ($entry.PSObject.Properties['time'] -and [int64]::TryParse([string]$entry.time, [ref]$time) -and $time -lt $sinceMs) { continue }
        if ($entry.PSObject.Properties['port']) { return [int]$entry.port }
        if ($entry.PSObject.Properties['url']) { return ([Uri]$entry.url).Port }
      }
    }
    Start-Sleep -Seconds 1
  }
  Fail "the manager logged no 'control plane started' line after $Since"
}

function Start-App {
  $since = Get-Date
  Start-Process -FilePath $Exe -ArgumentList '--hidden' | Out-Null
  return $since
}

Step 'Install silently for the current user'
if (-not (Test-Path $Installer)) { Fail "no installer at $Installer" }
$install = Start-Process -FilePath (Resolve-Path $Installer) -ArgumentList '/S' -Wait -PassThru
if ($install.ExitCode -ne 0) { Fail "the installer exited with $($install.ExitCode)" }
foreach ($file in @($Exe, $Uninstaller, (Join-Path $InstallDir 'resources\app.asar'))) {
  if (-not (Test-Path $file)) { Fail "$file was not installed" }
}
if (-not (Get-UninstallEntry 'HKCU')) { Fail 'no per-user uninstall entry in HKCU' }
if (Get-UninstallEntry 'HKLM') { Fail 'an uninstall entry in HKLM: the install was not per-user' }
EndStep

Step "Start hidden; the API answers on $DefaultPort"
Start-App | Out-Null
$health = Wait-Health $DefaultPort
Write-Host "healthy: version $($health.version)"
if (-not (Test-Path (Join-Path $DataDir 'manager.db'))) { Fail "no database in $DataDir" }
Stop-App
EndStep

Step 'A manager.lock naming a live process that is no manager does not block the start'
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
Set-Content -Path $LockFile -Value "$PID" -NoNewline
Start-App | Out-Null
Wait-Health $DefaultPort | Out-Null
Stop-App
EndStep

Step "Port $DefaultPort held by another program: the manager starts on another port"
$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $DefaultPort)
$listener.Start()
try {
  $since = Start-App
  $port = Wait-LoggedPort $since
  if ($port -eq $DefaultPort) { Fail "the manager reports port $DefaultPort, which this script holds" }
  Wait-Health $port | Out-Null
  Write-Host "started on port $port instead"
} finally {
  $listener.Stop()
}
Stop-App
EndStep

# The installed app with these arguments; the process object caches its handle, or ExitCode stays empty.
function Start-Agent([string[]]$Arguments) {
  $process = Start-Process -FilePath $Exe -ArgumentList (@('--agent', '--no-tray') + $Arguments) -PassThru
  $null = $process.Handle
  return $process
}

function Wait-Exit($Process, [int]$Expected, [string]$What) {
  if (-not $Process.WaitForExit($TimeoutSec * 1000)) { Fail "$What did not exit within $TimeoutSec s" }
  if ($Process.ExitCode -ne $Expected) { Fail "$What exited with $($Process.ExitCode), not $Expected" }
}

Step 'Agent mode: exit codes, registering with a manager, one agent per data dir, revocation'
$AgentDir = Join-Path ([IO.Path]::GetTempPath()) 'ark-agent-smoke'
Remove-Item -Recurse -Force $AgentDir -ErrorAction SilentlyContinue
Wait-Exit (Start-Agent @('--data-dir', $AgentDir)) 2 'an agent without --control-plane'
Start-App | Out-Null
Wait-Health $DefaultPort | Out-Null
$api = "http://127.0.0.1:$DefaultPort/api/v1"
$created = Invoke-RestMethod -Method Post -Uri "$api/agents" -ContentType 'application/json' -Body '{"name":"Smoke agent"}'
# From the environment, as a user's `setx ARK_AGENT_TOKEN` gives it: never on the command line.
$env:ARK_AGENT_TOKEN = $created.token
try {
  $agent = Start-Agent @('--control-plane', "http://127.0.0.1:$DefaultPort", '--data-dir', $AgentDir)
  $second = $null
  $deadline = (Get-Date).AddSeconds($TimeoutSec)
  while ((Invoke-RestMethod -Uri "$api/agents/$($created.agent.id)").status -ne 'ONLINE') {
    if ($agent.HasExited) { Fail "the agent exited with $($agent.ExitCode) before coming online" }
    if ((Get-Date) -gt $deadline) { Fail "the agent was not online after $TimeoutSec s" }
    Start-Sleep -Seconds 1
  }
  Write-Host 'the installed app registered as a remote host'
  $second = Start-Agent @('--control-plane', "http://127.0.0.1:$DefaultPort", '--data-dir', $AgentDir)
  Wait-Exit $second 1 'a second agent on the same data dir'
  Invoke-RestMethod -Method Delete -Uri "$api/agents/$($created.agent.id)" | Out-Null
  Wait-Exit $agent 3 'the agent of a revoked host'
} finally {
  Remove-Item Env:ARK_AGENT_TOKEN -ErrorAction SilentlyContinue
}
Stop-App
EndStep

Step 'Uninstall silently; the data folder stays'
$uninstall = Start-Process -FilePath $Uninstaller -ArgumentList '/S' -Wait -PassThru
if ($uninstall.ExitCode -ne 0) { Fail "the uninstaller exited with $($uninstall.ExitCode)" }
# The NSIS uninstaller copies itself to %TEMP% and finishes from there: wait for the folder to go.
$deadline = (Get-Date).AddSeconds(60)
while ((Test-Path $Exe) -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 1 }
if (Test-Path $Exe) { Fail "$Exe is still there after uninstalling" }
while ((Test-Path $InstallDir) -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 1 }
if (Test-Path $InstallDir) { Fail "$InstallDir is still there after uninstalling" }
if (Get-UninstallEntry 'HKCU') { Fail 'the HKCU uninstall entry is still there' }
if (-not (Test-Path (Join-Path $DataDir 'manager.db'))) { Fail "the uninstaller removed the data in $DataDir" }
EndStep
Write-Host 'installer smoke test passed'
