### review: machine-drafted

menu-hello = Hi!
menu-help = Help
menu-help-text =
    Here is help.
    Call us any time.
menu-old = Old
menu-info = More information
menu-count = { $units } clinics
menu-later = Later
info-a = Information
