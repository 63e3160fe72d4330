### review: machine-drafted

menu-hello = Hello!
menu-help = Help
menu-help-text =
    Here is help.
    Call us.
menu-bye = Bye
menu-old = Old
retired-a = Retired
