### review: machine-drafted

main-hello = Hello! Q&A: is 1 < 2 > 0? <b>Not bold</b> &amp; not an entity. What do you need?
main-choice-help = Support <&>
main-choice-buyer = I want to stop buying sex
main-help = Here is where you can get support.
buyer-intro = Help is available.
buyer-count = { $units ->
    [one] One clinic
   *[other] { $units } clinics
}
buyer-treatment = Treatment is voluntary and can be anonymous.
buyer-choice-menu = To the menu
