### review: reviewed

menu-hello = Hej!
menu-help = Hjälp
menu-help-text =
    Här finns hjälp.
    Ring oss dygnet runt.
menu-old = Gammalt
menu-info = Mer information
menu-count = { $units ->
    [one] En mottagning
   *[other] { $units } mottagningar
}
menu-later = Senare
info-a = Information
