# Build the Windows installer: dist\patient-answers-<version>-windows-x64-setup.exe
# (and a portable dist\patient-answers-<version>-windows-x64.zip of the same folder).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1 [-Clean]
#
# The same steps as packaging/build_linux.sh, with the same spec: a venv in build\windows\venv,
# the app (editable) + PyInstaller, a prebuilt content.db + index from resources\content,
# PyInstaller --onedir, smoke checks of the folder, then Inno Setup 6 (ISCC.exe on PATH or in
# its default folder). NOT RUN in this project's CI (Linux only); written to be kept in step.
#
# Needs: Python >= 3.11 (python.org installer, x64) as `py -3`, Inno Setup 6.
param([switch]$Clean)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Work = Join-Path $Root "build\windows"
$Venv = Join-Path $Work "venv"
$PyInstallerSpec = if ($env:PYINSTALLER_SPEC) { $env:PYINSTALLER_SPEC } else { "pyinstaller>=6.10,<7" }
if ($Clean -and (Test-Path $Work)) { Remove-Item -Recurse -Force $Work }

function Step($name) { Write-Host "==> $name" }
function Fail($msg) { Write-Error "build_windows.ps1: $msg"; exit 1 }

Step "venv + pip install"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { py -3 -m venv $Venv }
$Py = "$Venv\Scripts\python.exe"
& $Py -m pip install --quiet --disable-pip-version-check -e . $PyInstallerSpec
if ($LASTEXITCODE) { Fail "pip install failed" }
$Version = (& $Py -c "import desktop; print(desktop.__version__)").Trim()
$Name = "patient-answers-$Version-windows-x64"

Step "prebuilt content + index"
$Prebuilt = Join-Path $Work "prebuilt"
if (Test-Path $Prebuilt) { Remove-Item -Recurse -Force $Prebuilt }
& "$Venv\Scripts\patient-answers.exe" build resources\content --data-dir $Prebuilt
if ($LASTEXITCODE) { Fail "building the prebuilt content failed" }
$PrebuiltInfo = & "$Venv\Scripts\patient-answers.exe" info --json --data-dir $Prebuilt | ConvertFrom-Json

Step "pyinstaller"
$env:PATIENT_ANSWERS_PREBUILT = $Prebuilt
& $Py -m PyInstaller --noconfirm --log-level WARN --distpath "$Work\dist" --workpath "$Work\work" packaging\patient-answers.spec
if ($LASTEXITCODE) { Fail "PyInstaller failed" }
$Dist = Join-Path $Work "dist\patient-answers"
$Cli = Join-Path $Dist "patient-answers.exe"

# Licences of everything inside (as in the Linux tarball), installed beside the programs.
& $Py packaging\licences.py "$Dist\LICENSES"

# Optional signing hook: sign both programs before they are packed.
#   signtool sign /fd sha256 /tr <timestamp-url> /td sha256 /a "$Dist\patient-answers.exe" "$Dist\patient-answers-gui.exe"

Step "smoke checks"
$Smoke = Join-Path ([System.IO.Path]::GetTempPath()) ("pa-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory $Smoke | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
$got = (& $Cli --version).Trim()
if ($got -ne "patient-answers $Version") { Fail "--version printed '$got'" }
$info = & $Cli info --json --data-dir "$Smoke\data" | ConvertFrom-Json
if ($info.answers -ne $PrebuiltInfo.answers -or $info.index_status -ne "ok") { Fail "info --json: $info" }
$search = & $Cli search "heart attack" --limit 3 --json --data-dir "$Smoke\data" | ConvertFrom-Json
if ($search.total -lt 1) { Fail "search found nothing" }
$gui = & $Cli gui --smoke --data-dir "$Smoke\data" | Select-Object -Last 1
if ($LASTEXITCODE) { Fail "gui --smoke failed" }
$timings = $gui | ConvertFrom-Json
if ($null -eq $timings.startup_ms) { Fail "gui --smoke printed no timings: $gui" }
Write-Host "    gui --smoke: $gui"
Remove-Item Env:\QT_QPA_PLATFORM
Remove-Item -Recurse -Force $Smoke

Step "installer + zip"
New-Item -ItemType Directory -Force dist | Out-Null
Compress-Archive -Force -Path $Dist -DestinationPath "dist\$Name.zip"
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" "/DSourceDir=$Dist" packaging\windows\patient-answers.iss
if ($LASTEXITCODE) { Fail "ISCC failed" }
# Optional signing hook for the installer (or SignTool= in the .iss):
#   signtool sign /fd sha256 /tr <timestamp-url> /td sha256 /a "dist\$Name-setup.exe"
Get-FileHash -Algorithm SHA256 "dist\$Name-setup.exe", "dist\$Name.zip" | Format-Table -AutoSize
