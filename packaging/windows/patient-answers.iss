; Inno Setup 6 script for Patient Answers (Windows 10/11, x64).
;
; It packs the PyInstaller --onedir folder that packaging/patient-answers.spec makes (the same
; spec as Linux and macOS). Use packaging/windows/build_windows.ps1, which builds the folder,
; smoke-tests it and then runs:
;     ISCC.exe /DAppVersion=<desktop.__version__> packaging\windows\patient-answers.iss
; Output: dist\patient-answers-<version>-windows-x64-setup.exe
; NOT RUN in this project's CI (Linux only): keep it in step with build_linux.sh by hand.

#ifndef AppVersion
  #error Pass /DAppVersion=x.y.z (build_windows.ps1 reads it from desktop.__version__)
#endif
#define AppName "Patient Answers"
#define AppId "io.github.patientanswers.PatientAnswers"
#define GuiExe "patient-answers-gui.exe"
#define CliExe "patient-answers.exe"
#ifndef SourceDir
  #define SourceDir "..\..\build\windows\dist\patient-answers"
#endif

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{8983FE46-B127-4871-95CE-7F32DE483CBE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Patient Answers project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without admin rights; an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=patient-answers-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app\patient-answers.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Code signing hook: define a sign tool in the IDE or on the command line, e.g.
;   ISCC.exe "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.example /td sha256 /a $f" ...
; and uncomment the next line so the installer and uninstaller are signed too.
;SignTool=signtool
;SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole onedir folder: patient-answers.exe (command line), patient-answers-gui.exe (window,
; no console) and _internal\ (Python, Qt, resources\ with the prebuilt content.db and index).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; AppUserModelID: "{#AppId}"
Name: "{autoprograms}\{#AppName} (private mode)"; Filename: "{app}\{#GuiExe}"; Parameters: "gui --private"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; User data (answers, bookmarks, settings) lives in %LOCALAPPDATA%\patient-answers and is kept on
; uninstall, like on Linux and macOS.
