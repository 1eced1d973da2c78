# Builds the standalone Lede for Windows and its installer, on a Windows computer with Python 3.11 and
# Inno Setup 6 (both on GitHub's windows-latest runner; see .github/workflows/bundles.yml):
#   dist\lede\Lede.exe, dist\lede\lede-cli.exe        the one-folder program (windowed, and with a console)
#   dist\Lede-VERSION-windows-x64-setup.exe           the per-machine installer (packaging\windows\lede.iss)
# It has never run on the Linux machine where Lede is developed: CI runs it (packaging\README.md says what is
# tested there and what only here).
# Usage (PowerShell, from anywhere): packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Run([string]$what, [scriptblock]$command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed ($LASTEXITCODE)" }
}

if (-not (Test-Path .venv\Scripts\python.exe)) { Run "venv" { python -m venv .venv } }
$python = ".venv\Scripts\python.exe"
Run "pip" { & $python -m pip install -q --upgrade pip }
Run "pip install" { & $python -m pip install -q ".[bundle]" }
$version = (& $python packaging\bundle_contents.py).Trim()

Run "icons" { & $python packaging\icons.py build\icons }
Run "file types" { & $python packaging\file_types.py --check }
Run "pyinstaller" { & $python -m PyInstaller packaging\lede.spec --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller }

# The bundle works before it is packed: its version, and every format, printout and the classroom round trip.
$said = (& dist\lede\lede-cli.exe --version).Trim()
if ($said -ne "Lede $version") { throw "dist\lede\lede-cli.exe says '$said', not 'Lede $version'" }
Run "self-check" { & dist\lede\lede-cli.exe --self-check }
$env:QT_QPA_PLATFORM = "offscreen"  # the window opens and closes once, unseen
Run "startup probe" { & dist\lede\lede-cli.exe --startup-probe --db "sqlite:///$((Resolve-Path build).Path -replace '\\','/')/probe.sqlite3" }
Remove-Item Env:QT_QPA_PLATFORM

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 is not installed (choco install innosetup)" }
Run "installer" { & $iscc /Qp "/DAppVersion=$version" packaging\windows\lede.iss }
Get-Item "dist\Lede-$version-windows-x64-setup.exe" | Select-Object Name, Length
