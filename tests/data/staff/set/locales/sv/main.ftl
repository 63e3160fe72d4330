### review: reviewed

button-emergency = Nödläge 112
button-exit = Snabbt ut
button-language = Språk
button-privacy = Integritet
button-restart = Börja om
language-name = Svenska
language-prompt = Välj språk
emergency-text = Ring 112 om du är i fara nu.
exit-done = Samtalet är raderat.
privacy-text = Vi sparar inget som visar vem du är.
help-text = Välj en knapp.
stale-menu = Den knappen hör till ett gammalt meddelande.
step-gone = Samtalet har ändrats.
flow-error = Något gick fel.
not-understood = Jag förstod inte.
personal-data-notice = Du behöver inte skriva sådant.
unsupported-message = Jag kan bara läsa text.
slow-down = Skriv lite långsammare.
signpost-open-always = Öppet dygnet runt
signpost-open-now = Öppet nu, stänger { $closes }
signpost-closed = Stängt, öppnar { $weekday } { $opens }
signpost-hours-unknown = Öppettider saknas
signpost-meanwhile = Ring 112 om det är akut.
signpost-interpreters = Tolk finns
anonymity-anonymous = Anonymt
anonymity-confidential = Sekretess
anonymity-public-record = Allmän handling
anonymity-unknown = Unknown
cost-free = Gratis
cost-paid = Kostar
contact-phone = Telefon: { $value }
contact-web = Webb: { $value }
contact-email = E-post: { $value }
contact-chat = Chatt: { $value }
contact-visit = Besök: { $value }

hello-text = Hej! Vad behöver du?
choice-help = Jag behöver <hjälp> & stöd
choice-stuck = Fastna
choice-other = Något annat
help-text-step = Här är hjälpen.
bye-text = Hej då.
stuck-text = Här tar det slut.
lost-text = Ingen kommer hit.
other-count = { $units ->
    [one] En mottagning
   *[other] { $units } mottagningar
}
choice-back = Tillbaka
orphan-text = Föräldralös.
svc-sos-about = Larmnumret vid fara.
svc-sos-anon = Samtal till 112 registreras.
svc-old-about = Stöd per telefon.
svc-old-anon = Du behöver inte säga vem du är.
svc-draft-about = Ett utkast.
svc-draft-anon = Blir allmän handling.
