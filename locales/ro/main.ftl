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

    Ultimul pas: scoate acest chat din lista ta de conversații. Pe telefon, ține apăsat pe chat (sau glisează-l spre stânga) și alege Șterge. Pe calculator, dă clic dreapta pe el și alege Șterge chatul.

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
menu-choice-selling = Vând sex sau sunt exploatat(ă)
menu-choice-buyer = Cumpăr sex și vreau să mă opresc
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
selling-choice-sleep = Un loc sigur de dormit
selling-choice-money = Bani și datorii
selling-choice-leave = Să ies dintr-o situație
selling-choice-status = Griji legate de ședere
selling-choice-other-need = Altceva de care am nevoie
selling-talk =
    Kvinnofridslinjen răspunde zi și noapte, pentru femei care au fost supuse violenței sau exploatării sexuale. Îți poți păstra anonimatul și au interpreți.
    Oricine, de orice gen, se poate adresa serviciilor sociale (socialtjänsten).
selling-health =
    În Stockholm și Göteborg există Mikamottagningen, iar în Malmö Evonhuset, pentru persoane care au experiența vânzării de sex (Stockholm: de la 18 ani).
    În alte locuri, serviciile sociale îți pot spune unde să te adresezi. Dacă este urgent, sună la 112.
selling-sleep =
    Ai nevoie de un loc sigur de dormit? Contactează serviciile sociale; în afara programului, cere socialjouren (serviciul social de gardă).
    Kvinnofridslinjen răspunde zi și noapte și te poate ajuta să te gândești ce poți face.
selling-money =
    Dacă cineva spune că îi datorezi bani pentru drum, locuință sau protecție, acesta este un mod obișnuit de a controla oamenii. Nu este vina ta.
    Serviciile sociale se ocupă de ajutorul financiar și de consilierea pentru datorii. Kvinnofridslinjen poate vorbi cu tine despre asta, anonim.
selling-leave =
    Tu decizi ritmul. Sprijinul pentru a ieși poate include pe cineva cu care să vorbești, tratament pentru traume, îngrijire medicală, locuință, consiliere pentru datorii, muncă sau studii.
    Un prim contact poate fi anonim.
selling-status =
    Îți faci griji pentru permisul de ședere sau pentru acte? Poți suna la Kvinnofridslinjen fără să spui cine ești, cu interpret.
    Întreabă cum folosesc ce le spui înainte să spui ceva despre tine.

## Cumpărare de sex și dorința de a te opri

buyer-intro =
    E bine că ești aici. Nu ești singurul care vrea să se oprească, și există ajutor.
    Nimeni de aici nu te întreabă cine ești. Ce ai vrea să afli?
buyer-choice-where = Unde pot primi ajutor?
buyer-choice-what = Ce înseamnă tratamentul?
buyer-choice-call = Ce se întâmplă dacă iau legătura?
buyer-treatment =
    Tratamentul înseamnă discuții cu cineva pregătit pentru asta. Împreună vă uitați la ce te face să cumperi sex și cum te poți opri.
    Unitățile KAST (Köpare av sexuella tjänster) fac această muncă. Ele sprijină și rudele.
buyer-call =
    Poți suna sau scrie întâi și pune întrebări fără să-ți spui numele. Personalul este acolo ca să te ajute să te oprești, nu ca să te judece.
    Dacă te întrebi ce se întâmplă cu ce le spui, întreabă-i asta mai întâi.
buyer-where =
    Unități KAST există în Stockholm, Göteborg, Malmö, județul Jönköping, Jämtland și Västernorrland. Nu am găsit niciuna în Östergötland.
    Oriunde locuiești, serviciile sociale din municipalitatea ta te pot ajuta să găsești sprijin. Poți întreba fără să spui cine ești.

## Rude, prieteni, colegi și profesioniști

relatives-intro = Mulțumim că îți pasă. Ce ți se potrivește?
relatives-choice-close = Cineva apropiat poate fi exploatat
relatives-choice-work = Întâlnesc asta la muncă
relatives-choice-buyer = Cineva apropiat cumpără sex
relatives-choice-signs = Semne la care să fiu atent
relatives-choice-help = Cum ajut fără risc?
relatives-choice-report = Vreau să raportez
relatives-choice-kast = Unde sunt unitățile KAST?
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
    • Dă-i discret un număr, de exemplu Kvinnofridslinjen.
    • Dacă cineva e în pericol acum, sună la 112. Dacă este implicat un copil, raportează.
relatives-professional =
    Echipa națională de sprijin metodologic (NMT) dă sfaturi profesioniștilor care întâlnesc prostituție sau trafic de persoane, de exemplu în serviciile sociale, sănătate, școli sau locuințe.
    Nu trebuie să numești pe nimeni ca să primești sfaturi. Răspund în zilele lucrătoare, în timpul programului.
relatives-buyer =
    Unitățile KAST sprijină și rudele persoanelor care cumpără sex, nu doar pe cumpărători. Te poți adresa și serviciilor sociale.

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
    ECPAT Hotline primește sesizări despre exploatarea sexuală a copiilor și poți raporta fără să-ți spui numele. Poți raporta și la poliție.
report-police =
    Pentru ceva ce nu e urgent, sună la poliție sau folosește formularul pentru ponturi de pe site-ul lor.
    Atenție: un pont trimis prin formularul web al poliției devine document public (allmän handling), pe care alții pot cere să-l citească. Nu scrie nimic din ce nu vrei să vadă alții, de exemplu numele tău.
report-anonymity =
    Cât de anonimă este fiecare cale?
    • 112: pentru urgențe. Vei fi întrebat unde te afli, ca să poată veni ajutorul.
    • Pontul web către poliție: criptat pe drum, dar devine document public pe care alții pot cere să-l citească.
    • ECPAT Hotline: poți raporta fără să-ți spui numele.
    • Kvinnofridslinjen (sprijin, nu raportare): anonim, gratuit, nu apare pe factura de telefon.

