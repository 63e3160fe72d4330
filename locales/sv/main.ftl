### review: machine-drafted

## Kommandomenyn bredvid textfältet

command-sos = Akut hjälp, 112
command-exit = Avsluta och radera samtalet
command-start = Börja om
command-language = Byt språk
command-privacy = Vad som sparas och inte
command-help = Hjälp

## Knappar och meddelanden som boten själv visar

button-emergency = 🆘 Nödläge 112
button-exit = ✖ Avsluta och radera
button-language = 🌐 Språk
button-privacy = 🔒 Integritet
button-restart = ↩ Börja om
language-name = Svenska
language-prompt = Välj språk:

emergency-text =
    Om du eller någon annan är i fara just nu, ring 112.
    Numret svarar dygnet runt. Berätta vad som händer och var du är.

exit-done =
    Jag har raderat de meddelanden i chatten som jag kunde: dina och mina, upp till 48 timmar gamla. Det jag sparat om samtalet går inte längre att läsa.
    Äldre meddelanden finns kvar: radera dem själv om det finns några.

    Sista steget: ta bort chatten från din chattlista. På Android: håll fingret på chatten och välj Radera (sveper du åt vänster arkiveras den bara). På iPhone: svep chatten åt vänster och välj Radera. På en dator: högerklicka och välj Radera chatt.

privacy-text =
    Det här sparar boten:
    • inget namn, inget telefonnummer och inget av det du skriver;
    • var du är i samtalet, ditt språk och tiden för ditt senaste meddelande, på tio minuter när. Även numren på några meddelanden, så att Avsluta kan radera dem. Allt är låst med en nyckel som bara gäller det här samtalet, under en kod i stället för ditt Telegramkonto. Efter några timmar utan aktivitet förstörs nyckeln och allt raderas;
    • antal per dag av hur ofta varje steg, tjänst och kommando används, utan att någon kan kopplas till dem. Små tal skrivs aldrig ner.

    Det här gör Avsluta: boten raderar de meddelanden i chatten som Telegram låter den radera, dina och botens, upp till 48 timmar gamla. Samtidigt går det som boten sparat om samtalet inte längre att läsa.
    Det här finns kvar: äldre meddelanden, och själva chatten i din chattlista. Dem kan du radera själv. Låsta kopior kan ligga kvar på serverns disk tills de skrivs över, men ingen kan läsa dem.
    Dina meddelanden läses för att förstås och glöms sedan.

help-text =
    Jag är en bot, inte en människa. Jag visar var du kan få hjälp. Du behöver aldrig berätta vem du är.
    Tryck på ↩ Börja om för att se valen.
    I fara nu? Ring 112, eller tryck på 🆘 Nödläge 112.
    Vill du prata med någon nu? { -svc-kvinnofridslinjen } (för kvinnor och deras närstående) och { -svc-sjalvmordslinjen } (om du tänker på att ta ditt liv) svarar dygnet runt. Du hittar dem efter ↩ Börja om.

stale-menu = Den knappen hör till ett tidigare meddelande. Här är du nu.
step-gone = Samtalet har ändrats sedan du skrev sist. Du kan gå vidare härifrån.
flow-error = Något gick fel här, så jag tar dig tillbaka till början.
not-understood = Förlåt, jag förstod inte. Använd knapparna, eller skriv /help.
personal-data-notice = Du behöver inte skriva telefonnummer, mejl, personnummer eller adress här. Jag har tagit bort det meddelandet.
unsupported-message = Jag kan bara läsa text och knappar. Skicka inte bilder, röstmeddelanden, filer eller din position.
slow-down = Du skriver snabbare än jag hinner svara, så jag hoppar över en del av dina meddelanden en liten stund. Vänta ett ögonblick och skriv sedan igen, eller använd knapparna. Snabbutgången och nödhjälpen fungerar alltid.

## Hur en tjänst visas

signpost-open-always = Öppet dygnet runt.
signpost-open-now = Öppet nu, till { $closes }.
signpost-closed =
    Stängt nu. Öppnar { $today ->
        [yes] i dag
       *[no] på { $weekday ->
            [mon] måndag
            [tue] tisdag
            [wed] onsdag
            [thu] torsdag
            [fri] fredag
            [sat] lördag
           *[sun] söndag
        }
    } kl. { $opens }.
signpost-hours-unknown = Exakta öppettider finns inte med här.
signpost-meanwhile = Om det är akut, ring 112.
signpost-interpreters = Tolk finns
anonymity-anonymous = Du kan vara anonym.
anonymity-confidential = Inte anonymt: du kan bli tillfrågad vem du är.
anonymity-public-record = Kan bli en allmän handling som andra kan begära att få läsa.
cost-free = Kostnadsfritt
cost-paid = Det kan kosta
contact-phone = Telefon: { $value }
contact-web = Webb: { $value }
contact-email = E-post: { $value }
contact-chat = Chatt: { $value }
contact-visit = Besök: { $value }

## Huvudmenyn

menu-welcome =
    Hej. Här kan du ta reda på var du kan få hjälp om att sälja eller köpa sex, utnyttjande eller människohandel.
    Jag är en bot, inte en människa. Du behöver inte berätta vem du är.
    Knappen Nödläge finns alltid, och Avsluta raderar samtalet.
menu-question = Vad passar dig bäst?
menu-choice-selling = Jag säljer sex eller utnyttjas
menu-choice-buyer = Jag köper sex och vill sluta
menu-choice-relative = Jag är orolig för någon
menu-choice-report = Jag vill anmäla något
choice-back-to-menu = ↩ Tillbaka till början

## Säljer sex eller utnyttjas

selling-safety = Först: är du i fara just nu?
selling-choice-danger = Ja, jag är i fara
selling-choice-safe = Nej, inte just nu
selling-danger =
    Ring 112 nu om du kan. Berätta var du är.
    Om någon kan titta i din telefon, tryck på Avsluta efteråt för att radera samtalet.
selling-choice-safe-now = Jag är trygg nu, visa annan hjälp
selling-needs =
    Vad skulle hjälpa dig mest? Välj en sak; du kan komma tillbaka och välja en annan.
    På många ställen kan du be om hjälp utan att säga vem du är.
selling-choice-talk = Någon att prata med
selling-choice-health = Vård
selling-choice-sleep = En trygg plats i natt
selling-choice-money = Pengar att leva på
selling-choice-leave = Stöd för att sluta sälja sex
selling-choice-status = Oro för papper eller utvisning
selling-choice-other-need = Något annat jag behöver
selling-talk =
    Det finns ingen nationell linje bara för den som säljer sex, och ingen bara för hbtq-personer som gör det. De här linjerna är gratis och anonyma: en för kvinnor, en för män och en för transpersoner. Linjerna för män och för transpersoner är för den som har fyllt 18.
    Korten visar när var och en är öppen.
selling-health =
    { -svc-vardguiden-1177 } ger råd om vård på telefon, dygnet runt. De kan tala om vart du ska gå, till exempel för ett test, en graviditet eller en skada.
    Är det akut, ring 112.
selling-sleep =
    Behöver du en trygg plats i natt? Socialtjänsten kan hjälpa till.
    Utanför kontorstid ringer du socialjouren. Är du i fara, ring 112.
    { -svc-kvinnofridslinjen } svarar kvinnor dygnet runt och kan hjälpa dig att tänka igenom vad du kan göra.
selling-money = Du kan be socialtjänsten om pengar till mat och hyra. De ser först på dina inkomster och din situation. Har du inget uppehållstillstånd, eller kommer du från ett annat EU-land, blir det ofta bara hjälp i en nödsituation.
selling-leave =
    Du bestämmer när och hur. Fråga socialtjänsten vad de kan ge dig, till exempel samtal, vård, boende eller hjälp med pengar och skulder. Det är de som är vägen in. Det finns ännu inget särskilt program för arbete eller studier.
    { -svc-talita } har ett program för kvinnor som vill lämna, med boende i Stockholm. Män och transpersoner kan få stöd på deras mottagning i Stockholm, utan boende.
    { -svc-safe-havens } ger gratis råd om lagar och stöd till alla som kan vara utsatta för människohandel. De finns i Stockholm, och ett team reser till resten av Sverige.
selling-status =
    Är du rädd att bli utvisad från Sverige? Kanske har någon tagit hit dig eller håller kvar dig här för att tjäna pengar på dig. Det kan vara människohandel.
    Har du inget tillstånd att vara i Sverige, kan du få stanna i 30 dagar. Det kallas betänketid. Den ger dig tid att återhämta dig och att bestämma om du vill hjälpa en polisutredning.
    Socialtjänsten kan söka det åt dig. Ingen polisutredning behöver ha börjat. Utanför kontorstid ringer du socialjouren.

## Köper sex och vill sluta

buyer-intro =
    Bra att du är här. Du är inte ensam om att vilja sluta, och det finns hjälp.
    Ingen här frågar vem du är. Vad vill du veta?
buyer-choice-where = Var kan jag få hjälp?
buyer-choice-what = Vad är behandling?
buyer-choice-call = Vad händer om jag hör av mig?
buyer-treatment =
    Behandling betyder samtal med någon som är utbildad för det. Tillsammans ser ni på vad som får dig att köpa sex och hur du kan sluta.
buyer-call =
    När du hör av dig kan du först fråga om du måste säga ditt namn, och om något av det du säger förs vidare.
    Deras uppgift är att hjälpa dig att sluta.
buyer-where =
    Börja med socialtjänsten där du bor. Du kan först fråga om du måste säga vem du är.
    Jag har inte hittat någon behandling för den som köper sex i Östergötland. Sådan finns på andra orter, men där tar de kanske bara emot den som bor i närheten.
    { -svc-preventell } är en nationell linje för den som oroar sig för sitt eget sexuella beteende. Numret är inte bekräftat än, så det visas inte här.

## Anhöriga, vänner, kolleger och yrkesverksamma

relatives-intro = Tack för att du bryr dig. Vad passar dig?
relatives-choice-close = Någon nära kan vara utnyttjad
relatives-choice-work = Jag möter det i mitt arbete
relatives-choice-buyer = Någon nära mig köper sex
relatives-choice-signs = Tecken att vara uppmärksam på
relatives-choice-help = Hur hjälper jag utan risk?
relatives-choice-report = Jag vill anmäla
relatives-choice-kast = Var kan personen få hjälp?
relatives-worried = Det är svårt att vara orolig för någon. Vad vill du veta?
relatives-signs =
    Tecken på att någon kan vara utnyttjad. Ett tecken ensamt bevisar ingenting.
    • Någon annan styr över personens telefon, pengar, pass eller id-handlingar.
    • Personen har en skuld den inte kan förklara, eller arbetar av den.
    • Personen vet inte sin egen adress, eller flyttar ofta.
    • Personen verkar rädd, övervakad eller isolerad från andra.
    • Personen har pengar, presenter eller en telefon den inte kan förklara.
    • En ung person har en mycket äldre partner, eller nya kontakter som ger hen saker.
relatives-help =
    Så hjälper du utan att utsätta någon för risk:
    • Lyssna, döm inte, och låt personen själv bestämma.
    • Konfrontera inte den du tror utnyttjar personen.
    • Skriv inte om det på nätet.
    • Ge diskret vidare ett nummer som passar personen.
    • Är någon i fara nu, ring 112. Gäller det ett barn, kontakta socialtjänsten.
    { -svc-kvinnofridslinjen } tar också emot samtal från anhöriga. Du kan själv ringa dit och få råd.
relatives-professional =
    Nationellt metodstödsteam (NMT) ger råd till yrkesverksamma som möter prostitution eller människohandel, till exempel inom socialtjänst, vård, skola eller boende.
    Du behöver inte nämna någon vid namn för att få råd. De svarar vardagar, på kontorstid.
relatives-buyer =
    Det kan vara svårt att få veta att någon nära dig köper sex. Du kan själv få stöd av socialtjänsten.
    Personen kan få hjälp att sluta. Tryck på knappen nedanför för att se var.

## Anmäla

report-intro = Vad vill du anmäla?
report-choice-danger = Någon är i fara nu
report-choice-child = Ett barn utnyttjas
report-choice-police = Tipsa polisen (inte akut)
report-choice-anonymity = Hur anonymt är det?
report-choice-other = Något annat att anmäla
report-emergency = Ring 112. Säg vad som händer och var. Numret svarar dygnet runt.
report-child =
    Ett barn är alla under 18 år. Är barnet i fara nu, ring 112.
    Annars kontaktar du socialtjänsten. Det kallas en orosanmälan. Utanför kontorstid ringer du socialjouren.
    Du kan också anmäla sexuell exploatering av barn med webbformuläret hos { -svc-ecpat-hotline }. Där kan du anmäla utan att säga ditt namn.
report-police =
    För det som inte är akut, ring polisen eller använd tipsformuläret på deras webbplats.
    Tänk på: ett tips som skickas via polisens webbformulär blir en allmän handling som andra kan begära att få läsa. Skriv inte med sådant du inte vill att andra ska se, till exempel ditt namn.
report-anonymity =
    Hur anonymt är varje väg?
    • 112: för nödlägen. Du får frågan var du är, så att hjälpen kan komma.
    • Polisens webbtips: krypterat på vägen, men blir en allmän handling som andra kan begära att få läsa.
    • { -svc-ecpat-hotline }: du kan anmäla utan att säga ditt namn.
    • { -svc-kvinnofridslinjen } (stöd, inte anmälan): anonymt, gratis, syns inte på telefonräkningen.

