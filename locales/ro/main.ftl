### review: machine-drafted

## Meniul de comenzi de lângă câmpul de text

command-sos = Ajutor de urgență, 112
command-exit = Ieși și șterge conversația
command-start = Începe din nou
command-language = Schimbă limba
command-privacy = Ce se păstrează și ce nu
command-help = Ajutor

## Butoane și mesaje afișate de bot

button-emergency = 🆘 Urgență 112
button-exit = ✖ Ieșire și ștergere
button-language = 🌐 Limba
button-privacy = 🔒 Confidențialitate
button-restart = ↩ Începe din nou
language-name = Română
language-prompt = Alege limba:

emergency-text =
    Dacă tu sau altcineva sunteți în pericol chiar acum, sună la 112.
    Apelul este gratuit și funcționează zi și noapte. Spune ce se întâmplă și unde te afli.

exit-done =
    Conversația a fost ștearsă. Mesajele mai vechi de 48 de ore nu pot fi șterse de bot: șterge-le tu, dacă există.

    Ultimul pas: scoate acest chat din lista ta de conversații. Pe Android, ține apăsat pe chat și alege Șterge (dacă îl glisezi spre stânga, doar îl arhivezi). Pe iPhone, glisează chatul spre stânga și alege Șterge. Pe calculator, dă clic dreapta pe el și alege Șterge chatul.

privacy-text =
    Ce păstrează acest bot:
    • niciun nume, niciun număr de telefon și nimic din ce scrii;
    • unde ai ajuns în conversație și limba ta, sub un cod făcut cu o cheie secretă în locul contului tău de Telegram. Se șterge după câteva ore fără activitate sau imediat ce apeși Ieșire;
    • de câte ori pe zi este folosit fiecare pas, serviciu și comandă, fără identitatea nimănui.

    Mesajele tale sunt citite ca să fie înțelese, apoi uitate. Telegram păstrează chatul în aplicație până când este șters: apasă Ieșire ca să-l ștergi.

help-text =
    Sunt un bot, nu un om. Îți arăt unde poți primi ajutor, din câteva atingeri. Nu trebuie să-mi spui niciodată cine ești.
    În pericol acum? Sună la 112 sau apasă butonul Urgență.

    /start – înapoi la început
    /sos – ajutor de urgență
    /exit – șterge această conversație
    /language – schimbă limba
    /privacy – ce se păstrează
    /help – acest text

stale-menu = Butonul acesta este dintr-un mesaj mai vechi. Iată unde ești acum.
step-gone = Conversația a fost actualizată de la ultimul tău mesaj. Poți continua de aici.
flow-error = Ceva n-a mers bine aici. O luăm de la capăt.
not-understood = Îmi pare rău, n-am înțeles. Folosește butoanele sau scrie /help.
personal-data-notice = Nu e nevoie să dai aici numere de telefon, adrese de e-mail, coduri numerice personale sau adrese. Mesajul a fost șters.
unsupported-message = Pot citi doar text și butoane. Te rog să nu trimiți poze, mesaje vocale, fișiere sau locația ta.
slow-down = Scrii mai repede decât pot răspunde, așa că las deoparte câteva dintre mesajele tale pentru o clipă. Așteaptă puțin, apoi scrie din nou sau folosește butoanele. Ieșirea rapidă și ajutorul de urgență funcționează mereu.

## Cum este afișat un serviciu

signpost-open-always = Deschis zi și noapte.
signpost-open-now = Deschis acum, până la { $closes }.
signpost-closed =
    Închis acum. Se deschide { $today ->
        [yes] azi
       *[no] { $weekday ->
            [mon] luni
            [tue] marți
            [wed] miercuri
            [thu] joi
            [fri] vineri
            [sat] sâmbătă
           *[sun] duminică
        }
    } la ora { $opens }.
signpost-hours-unknown = Programul exact nu este trecut aici.
signpost-meanwhile = Dacă este urgent, sună la 112.
signpost-interpreters = Sunt disponibili interpreți
anonymity-anonymous = Îți poți păstra anonimatul.
anonymity-confidential = Nu este anonim: ți se poate cere să spui cine ești.
anonymity-public-record = Poate deveni document public, pe care alții pot cere să-l citească.
cost-free = Gratuit
cost-paid = Poate exista o taxă
contact-phone = Telefon: { $value }
contact-web = Web: { $value }
contact-email = E-mail: { $value }
contact-chat = Chat: { $value }
contact-visit = Vizită: { $value }

## Meniul principal

menu-welcome =
    Bună. Aici poți afla unde găsești ajutor legat de vânzarea sau cumpărarea de sex, exploatare sau trafic de persoane.
    Sunt un bot, nu un om. Nu trebuie să-mi spui cine ești.
    Butonul Urgență este mereu aici, iar Ieșire șterge conversația.
menu-question = Ce ți se potrivește cel mai bine?
menu-choice-selling = Fac sex pentru bani sau sunt exploatat(ă)
menu-choice-buyer = Plătesc pentru sex și vreau să mă opresc
menu-choice-relative = Îmi fac griji pentru cineva
menu-choice-report = Vreau să raportez ceva
choice-back-to-menu = ↩ Înapoi la început

## Vânzare de sex sau exploatare

selling-safety = Mai întâi: ești în pericol chiar acum?
selling-choice-danger = Da, sunt în pericol
selling-choice-safe = Nu, nu acum
selling-danger =
    Sună la 112 acum, dacă poți. Apelul este gratuit. Spune unde te afli.
    Dacă cineva s-ar putea uita în telefonul tău, apasă apoi Ieșire ca să ștergi conversația.
selling-choice-safe-now = Sunt în siguranță: alt ajutor
selling-needs =
    Ce te-ar ajuta cel mai mult? Alege un lucru; poți reveni și alege altul.
    În multe locuri poți cere ajutor fără să spui cine ești.
selling-choice-talk = Cineva cu care să vorbesc
selling-choice-health = Îngrijire medicală
selling-choice-sleep = Un loc sigur în noaptea asta
selling-choice-money = Bani și datorii
selling-choice-leave = Sprijin ca să renunț la sexul pentru bani
selling-choice-status = Griji legate de ședere
selling-choice-other-need = Altceva de care am nevoie
selling-talk =
    Există linii de sprijin naționale gratuite pentru femei, pentru bărbați și pentru persoane trans. Alege-o pe cea care ți se potrivește.
    Tinerii LGBTQ pot vorbi și pe chat cu { -svc-pegasus }. Cardurile arată când este deschis fiecare serviciu și cât de anonim este.
selling-health =
    { -svc-vardguiden-1177 } dă sfaturi medicale la telefon, zi și noapte. Îți pot spune unde să mergi, de exemplu pentru un test, o sarcină sau o rănire.
    Dacă este urgent, sună la 112.
selling-sleep =
    Ai nevoie de un loc sigur în noaptea asta? Serviciile sociale te pot ajuta.
    În afara programului, sună la serviciul social de gardă (socialjouren). Dacă ești în pericol, sună la 112.
    { -svc-kvinnofridslinjen } răspunde femeilor zi și noapte și te poate ajuta să te gândești ce poți face.
selling-money =
    Dacă cineva spune că îi datorezi bani pentru drum, locuință sau protecție, acesta este un mod obișnuit de a controla oamenii. Nu este vina ta.
    Serviciile sociale te pot ajuta cu bani pentru mâncare și chirie și cu sfaturi despre datorii. { -svc-brottsofferjouren } sprijină persoanele afectate de infracțiuni.
selling-leave =
    Tu decizi ritmul. Serviciile sociale te pot ajuta să renunți. Ajutorul poate fi cineva cu care să vorbești, îngrijire medicală, locuință, sfaturi despre datorii, muncă sau studii.
    Poți cere mai întâi sfaturi fără să spui cine ești.
selling-status =
    Îți este teamă că vei fi trimis(ă) din Suedia? Poate cineva te-a adus aici sau te ține aici ca să facă bani de pe urma ta. Asta poate fi trafic de persoane.
    O persoană în această situație poate primi un permis de ședere de 30 de zile. Se numește betänketid: timp de odihnă și de gândire.
    Serviciile sociale pot cere acest permis pentru tine. Nu trebuie să faci plângere la poliție. În afara programului, sună la serviciul social de gardă.

## Cumpărare de sex și dorința de a te opri

buyer-intro =
    E bine că ești aici. Nu ești singurul care vrea să se oprească, și există ajutor.
    Nimeni de aici nu te întreabă cine ești. Ce ai vrea să afli?
buyer-choice-where = Unde pot primi ajutor?
buyer-choice-what = Ce înseamnă tratamentul?
buyer-choice-call = Ce se întâmplă dacă iau legătura?
buyer-treatment =
    Tratamentul înseamnă discuții cu cineva pregătit pentru asta. Împreună vă uitați la ce te face să plătești pentru sex și cum te poți opri.
buyer-call =
    Poți suna și pune întrebări fără să-ți spui numele. Un apel în care ceri ajutor nu este o plângere la poliție.
    Personalul este acolo ca să te ajute să te oprești, nu ca să te judece.
buyer-where =
    Începe cu serviciile sociale din localitatea ta. Poți întreba fără să spui cine ești.
    Nu am găsit în Östergötland niciun centru de tratament pentru persoanele care plătesc pentru sex. Există astfel de centre în alte locuri, dar s-ar putea să ajute doar oamenii din zona lor.
    { -svc-preventell } este o linie națională pentru cei îngrijorați de propriul comportament sexual. Nu îi afișăm încă numărul.

## Rude, prieteni, colegi și profesioniști

relatives-intro = Mulțumim că îți pasă. Ce ți se potrivește?
relatives-choice-close = Cineva apropiat poate fi exploatat
relatives-choice-work = Întâlnesc asta la muncă
relatives-choice-buyer = Cineva apropiat plătește pentru sex
relatives-choice-signs = Semne la care să fiu atent
relatives-choice-help = Cum ajut fără risc?
relatives-choice-report = Vreau să raportez
relatives-choice-kast = Unde poate primi ajutor?
relatives-worried = E greu să-ți faci griji pentru cineva. Ce ai vrea să afli?
relatives-signs =
    Semne că cineva poate fi exploatat. Un singur semn nu dovedește nimic.
    • Altcineva îi controlează telefonul, banii, pașaportul sau actele.
    • Are o datorie pe care nu o poate explica sau muncește ca s-o plătească.
    • Nu își știe propria adresă sau se mută des.
    • Pare speriat, supravegheat sau izolat de ceilalți.
    • Are bani, cadouri sau un telefon pe care nu le poate explica.
    • O persoană tânără are un partener mult mai în vârstă sau contacte noi care îi dau lucruri.
relatives-help =
    Cum ajuți fără să pui pe cineva în pericol:
    • Ascultă, nu judeca și lasă persoana să decidă.
    • Nu confrunta pe cine crezi că o exploatează.
    • Nu scrie despre asta pe internet.
    • Dă-i discret un număr potrivit pentru ea.
    • Dacă cineva e în pericol acum, sună la 112. Dacă este implicat un copil, anunță serviciile sociale.
    { -svc-kvinnofridslinjen } primește și apeluri de la rude. Poți suna tu pentru sfaturi.
relatives-professional =
    Echipa națională de sprijin metodologic (NMT) dă sfaturi profesioniștilor care întâlnesc prostituție sau trafic de persoane, de exemplu în serviciile sociale, sănătate, școli sau locuințe.
    Nu trebuie să numești pe nimeni ca să primești sfaturi. Răspund în zilele lucrătoare, în timpul programului.
relatives-buyer =
    Poate fi greu să afli că cineva apropiat plătește pentru sex. Poți primi sprijin pentru tine de la serviciile sociale.
    Persoana poate primi ajutor ca să se oprească. Apasă butonul de mai jos ca să vezi unde.

## Raportare

report-intro = Ce ai vrea să raportezi?
report-choice-danger = Cineva e în pericol acum
report-choice-child = Un copil este exploatat
report-choice-police = Anunț poliția (nu e urgent)
report-choice-anonymity = Cât de anonim este?
report-choice-other = Altceva de raportat
report-emergency = Sună la 112. Spune ce se întâmplă și unde. Apelul este gratuit, zi și noapte.
report-child =
    Copil este oricine are sub 18 ani. Dacă copilul e în pericol acum, sună la 112.
    Altfel, anunță serviciile sociale. Asta se numește sesizare de îngrijorare (orosanmälan). În afara programului, sună la serviciul social de gardă.
    Pentru poze sau filme cu copii pe internet, folosește formularul de sesizare al { -svc-ecpat-hotline }. Acolo poți raporta fără să-ți spui numele.
report-police =
    Pentru ceva ce nu e urgent, sună la poliție sau folosește formularul pentru informații de pe site-ul lor.
    Atenție: o sesizare trimisă prin formularul web al poliției devine document public (allmän handling), pe care alții pot cere să-l citească. Nu scrie nimic din ce nu vrei să vadă alții, de exemplu numele tău.
report-anonymity =
    Cât de anonimă este fiecare cale?
    • 112: pentru urgențe. Vei fi întrebat unde te afli, ca să poată veni ajutorul.
    • Sesizarea web către poliție: criptată pe drum, dar devine document public pe care alții pot cere să-l citească.
    • { -svc-ecpat-hotline }: poți raporta fără să-ți spui numele.
    • { -svc-kvinnofridslinjen } (sprijin, nu raportare): anonim, gratuit, nu apare pe factura de telefon.

