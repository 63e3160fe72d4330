### review: machine-drafted

## Tjänstekatalogen: en text per tjänst som visas (flows/services.toml och områdets
## fil), vad den erbjuder och hur anonym den är. Nämn en tjänst i andra texter med
## { -svc-ID } eller { -role-ROLL }, aldrig genom att skriva namnet.

anonymity-unknown = Det är inte känt om du kan vara anonym här.
svc-sos-112-about = Larmnummer till polis, ambulans och räddningstjänst, när någon är i fara just nu. Du kan tala svenska eller engelska, och de kan koppla in tolk.
svc-sos-112-anon = De frågar var du är, så att hjälpen kan nå dig.
svc-polisen-about = Polisen. För tips och anmälningar som inte är akuta: ring, eller använd tipsformuläret på webben. Vid nödläge, ring 112.
svc-polisen-anon = Ett tips via webbformuläret är krypterat på vägen, men det blir en allmän handling. Skriv inte med sådant som kan peka ut dig.
svc-kvinnofridslinjen-about = Nationell stödtelefon för kvinnor som har utsatts för våld, också sexuellt utnyttjande. Anhöriga och de som möter det i jobbet får också ringa.
svc-kvinnofridslinjen-anon = Du behöver inte säga ditt namn. Samtalet syns inte på telefonräkningen.
svc-nmt-about = Råd till dem som möter prostitution eller människohandel i sitt arbete. Öppet vardagar, kontorstid. Om det är bråttom, ring polisen på 114 14 eller socialjouren.
svc-nmt-anon = Fråga om råd utan att nämna namnet på den du är orolig för.
svc-ecpat-hotline-about = Anmäl sexuell exploatering av barn med ECPAT:s formulär på webben. Det finns ingen telefon.
svc-ecpat-hotline-anon = Du kan anmäla utan att säga ditt namn.
svc-socialtjansten-about = Socialtjänsten i din kommun: stöd och råd för alla. Utanför kontorstid, fråga efter socialjouren. Numret finns på kommunens webbplats.
svc-socialtjansten-anon = Du kan först fråga om du måste säga ditt namn. Om ett barn far illa måste de agera.
svc-bris-about = För barn och unga under 18. Ring, eller chatta, mejla eller sms:a via webbplatsen.
svc-bris-anon = Det är gratis, och du behöver inte säga vem du är.
svc-brottsofferjouren-about = Stöd för dig som har drabbats av ett brott. Du behöver inte ha gjort en polisanmälan.
svc-brottsofferjouren-anon = Det är gratis, och du kan vara anonym om du vill.
svc-vardguiden-1177-about = Råd om vård per telefon, dygnet runt. Om ett liv är i fara, ring 112.
svc-vardguiden-1177-anon = Samtalen spelas in och förs in i din journal. Du kan vänta i kön utan att knappa in ditt personnummer.
svc-stodlinjen-man-about = Nationell stödtelefon för män från 18 år som har utsatts för våld. Närstående får också ringa. Den drivs på försök, ett år i taget.
svc-stodlinjen-man-anon = Du behöver inte säga vem du är.
svc-stodlinjen-trans-about = Nationell stödtelefon för transpersoner från 18 år som har utsatts för våld. Den drivs på försök, ett år i taget.
svc-stodlinjen-trans-anon = Du behöver inte säga vem du är.
svc-valj-att-sluta-about = Nationell telefon för dig som använder våld mot en partner eller familj och vill sluta.
svc-valj-att-sluta-anon = Du kan först fråga om du måste säga ditt namn.
svc-evonhuset-about = I Malmö: för den som säljer eller köper sex, och för den som har utsatts för människohandel, från 15 år. Det är inte känt om de hjälper folk från andra orter. Fråga dem.
svc-evonhuset-anon = Du kan först fråga om du måste säga ditt namn.
svc-preventell-about = En telefon för hela landet, för dig som oroar dig för ditt eget sexliv eller det du gör. Den finns på Karolinska universitetssjukhuset.
svc-preventell-anon = Du kan först fråga om du måste säga ditt namn.
svc-norrkoping-socialjour-about = Socialjouren i Norrköping. De svarar när kontoren är stängda, alla dagar om året.
svc-norrkoping-socialjour-anon = Du kan ringa utan att säga vem du är. Om ett barn far illa måste de agera.
svc-norrkoping-kontaktcenter-about = Kommunens växel i Norrköping. Be att få tala med socialtjänsten. I juni, juli och augusti stänger den klockan 16.
svc-norrkoping-kontaktcenter-anon = Du kan först fråga om du måste säga ditt namn. Om ett barn far illa måste de agera.
svc-norrkoping-kontaktcenter-meanwhile = När det är stängt, ring { -role-local-on-call }. Om det är akut, ring 112.
svc-norrkoping-frideborg-about = Norrköpings stöd vid våld i nära relationer: för den som utsätts, för den som utövar det, och för barn från 4 år som har sett det.
svc-norrkoping-frideborg-anon = Du kan först fråga om du måste säga ditt namn.

svc-talita-about = För kvinnor som vill lämna prostitution, porr eller människohandel: skyddade boenden i Stockholm, ett program på ett år, traumaterapi och hjälp att resa hem. En plats i boendet ordnas av polisen eller socialtjänsten. Män och transpersoner får stöd på mottagningen i Stockholm, utan boende.
svc-talita-anon = Du kan kontakta dem utan att säga vem du är.
svc-safe-havens-about = Frälsningsarméns center för alla som kan vara utsatta för människohandel, oavsett kön, bakgrund eller papper. Gratis råd om lagar och stöd: boka en tid på telefon eller mejl. Drop-in i Stockholm på onsdagar, 15 till 18. Ett team reser till resten av Sverige.
svc-safe-havens-anon = Du kan först fråga om du måste säga ditt namn.
svc-tjejzonen-about = En chatt för tjejer och unga kvinnor mellan 10 och 25 år, om vad som helst. Den är inte bara för frågor om sex mot ersättning.
svc-tjejzonen-anon = Chatten är anonym.
svc-sjalvmordslinjen-about = Minds linje för dig som tänker på att ta ditt liv, och för närstående. Ring eller chatta, dygnet runt.
svc-sjalvmordslinjen-anon = Du behöver inte säga vem du är.
svc-droghjalpen-about = Nationell linje för den som tar droger, och för närstående.
svc-droghjalpen-anon = Du behöver inte säga vem du är.
svc-alkoholhjalpen-about = Nationellt stöd för den som vill ändra sitt drickande, och för närstående.
svc-alkoholhjalpen-anon = Du behöver inte säga vem du är.
svc-noomi-about = Ett skyddat boende i Malmö för den som utnyttjas i prostitution eller människohandel, från 18 år. En plats ordnas via socialtjänsten.
svc-noomi-anon = Fråga socialtjänsten vad de behöver veta om dig.
svc-novahuset-about = I Linköping: stöd efter sexuellt våld, också för den som har sex mot ersättning.
svc-novahuset-anon = Du behöver inte säga vem du är.
svc-norrkoping-skuldradgivning-about = Gratis hjälp i Norrköping om du har skulder. Ring kommunens växel. Be att få prata om din budget och dina skulder.
svc-norrkoping-skuldradgivning-anon = Ni träffas i neutrala rum. Du kan först fråga om du måste säga ditt namn.
svc-norrkoping-mobila-teamet-about = I Norrköping kan ett psykiatriskt team komma ut till en vuxen i akut psykisk kris. Ring 112, så kan de skicka teamet.
svc-norrkoping-mobila-teamet-anon = De frågar var du är, så att teamet kan komma.
svc-norrkoping-mobila-teamet-meanwhile = Teamet är ute bara på eftermiddag, kväll och natt. 112 svarar dygnet runt: är ett liv i fara, ring nu.

svc-norrkoping-noaks-ark-about = Gratis hiv-test i Norrköping, och också i Linköping. För test av andra infektioner, fråga 1177 vart du ska gå.
svc-norrkoping-noaks-ark-anon = Du behöver inte säga ditt namn för ett hiv-test.
