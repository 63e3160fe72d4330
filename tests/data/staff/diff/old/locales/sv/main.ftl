### review: reviewed

menu-hello = Hej!
menu-help = Hjälp
menu-help-text =
    Här finns hjälp.
    Ring oss.
menu-bye = Hej då
menu-old = Gammalt
retired-a = Pensionerad
