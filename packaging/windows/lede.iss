; Inno Setup 6 script: the per-machine Windows installer of the standalone Lede (dist\lede, built from
; packaging\lede.spec). packaging\windows\build.ps1 builds the bundle and then runs
;     ISCC.exe /DAppVersion=VERSION packaging\windows\lede.iss
; with VERSION read from desktop_app\__init__.py. It writes dist\Lede-VERSION-windows-x64-setup.exe.
;
; For school IT (see packaging\README.md):
;   install, silently, for every user:  Lede-VERSION-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   uninstall, silently:                "C:\Program Files\Lede\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Uninstalling removes the program and its file types only: each person's work stays in their own profile
; (%LOCALAPPDATA%\lede), which the installer never touches.

#ifndef AppVersion
  #error Give the version: ISCC.exe /DAppVersion=0.1.0 lede.iss (build.ps1 does)
#endif

[Setup]
; The one identity of Lede's installation: an upgrade replaces it, never installs beside it. Never change it.
AppId={{40ACABD3-8DA4-4ECA-BDF0-F42C31592ACA}
AppName=Lede
AppVersion={#AppVersion}
AppVerName=Lede {#AppVersion}
AppPublisher=Lede
VersionInfoVersion={#AppVersion}
; Per machine: Program Files, for every account on the computer; needs an administrator (school IT).
PrivilegesRequired=admin
DefaultDirName={autopf}\Lede
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\build\icons\lede.ico
UninstallDisplayIcon={app}\Lede.exe
UninstallDisplayName=Lede
OutputDir=..\..\dist
OutputBaseFilename=Lede-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\lede\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms}: the Start menu of all users in a per-machine install.
Name: "{autoprograms}\Lede"; Filename: "{app}\Lede.exe"
Name: "{autodesktop}\Lede"; Filename: "{app}\Lede.exe"; Tasks: desktopicon

; .ledepack and .ledesub open in Lede on a double-click: generated from packaging\org.lede.Lede.mime.xml.
#include "associations.iss"

[Run]
Filename: "{app}\Lede.exe"; Description: "{cm:LaunchProgram,Lede}"; Flags: nowait postinstall skipifsilent
