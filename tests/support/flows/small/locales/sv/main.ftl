### review: reviewed

main-hello = Hej! Vad behöver du?
main-choice-help = Stöd
main-choice-buyer = Jag vill sluta köpa sex
main-help = Här kan du få stöd.
buyer-intro = Det finns hjälp att få.
buyer-count = { $units ->
    [one] En mottagning
   *[other] { $units } mottagningar
}
buyer-treatment = Behandling är frivillig och kan vara anonym.
buyer-choice-menu = Till menyn
