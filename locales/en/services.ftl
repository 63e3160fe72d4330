### review: machine-drafted

## The service directory: one text per shown service (flows/services.toml and the area
## file), what it offers and how anonymous it is. Name a service in other texts with
## { -svc-ID } or { -role-ROLE }, never by writing its name.

anonymity-unknown = It is not known whether you can stay anonymous here.
svc-sos-112-about = Emergency number for police, ambulance and rescue services, when someone is in danger right now. You can speak Swedish or English, and they can add an interpreter.
svc-sos-112-anon = They will ask where you are, so that help can reach you.
svc-polisen-about = The police. For tips and reports that are not urgent: call, or use the tip form on the web. In an emergency, call 112.
svc-polisen-anon = A tip sent with the web form is encrypted on the way, but it becomes a public record. Leave out anything that could point to you.
svc-kvinnofridslinjen-about = National support line for women who have been hurt by violence, also sexual exploitation. Relatives and professionals may call too.
svc-kvinnofridslinjen-anon = You do not have to say your name. The call does not show on the phone bill.
svc-nmt-about = Advice for professionals who meet prostitution or human trafficking. Open on weekdays, in office hours. If it is urgent, call the police on 114 14 or the on-call social services.
svc-nmt-anon = Ask for advice without naming the person you are worried about.
svc-ecpat-hotline-about = Report sexual exploitation of children with ECPAT's web form. There is no phone line.
svc-ecpat-hotline-anon = You can report without giving your name.
svc-socialtjansten-about = The social services of your municipality: support and advice for anyone. Outside office hours, ask for the on-call social services (socialjouren). The municipality's web site has their number.
svc-socialtjansten-anon = You can first ask whether you need to give your name. If a child is at risk, they must act.
svc-bris-about = For children and young people under 18. Call, or chat, mail or text through the web site.
svc-bris-anon = It is free, and you do not have to say who you are.
svc-brottsofferjouren-about = Support for people who have been hurt by a crime. You do not need to have told the police.
svc-brottsofferjouren-anon = It is free, and you can stay anonymous if you want.
svc-vardguiden-1177-about = Health care advice by phone, day and night. If a life is in danger, call 112.
svc-vardguiden-1177-anon = Calls are recorded and go into your medical record. You can wait in the queue without keying in your personal identity number.
svc-stodlinjen-man-about = National support line for men from 18 who have been hurt by violence. People close to them may call too. It runs as a trial, year by year.
svc-stodlinjen-man-anon = You do not have to say who you are.
svc-stodlinjen-trans-about = National support line for trans people from 18 who have been hurt by violence. It runs as a trial, year by year.
svc-stodlinjen-trans-anon = You do not have to say who you are.
svc-valj-att-sluta-about = National line for people who use violence against a partner or family and want to stop.
svc-valj-att-sluta-anon = You can first ask whether you need to give your name.
svc-evonhuset-about = In Malmö: for people who sell or buy sex, and for people who have been trafficked, from 15. It is not known whether they help people from other towns. Ask them.
svc-evonhuset-anon = You can first ask whether you need to give your name.
svc-preventell-about = A phone line for the whole country, for people who worry about their own sex life or what they do. It is run at Karolinska University Hospital.
svc-preventell-anon = You can first ask whether you need to give your name.
svc-norrkoping-socialjour-about = The on-call social services in Norrköping. They answer when the offices are closed, every day of the year.
svc-norrkoping-socialjour-anon = You can call without saying who you are. If a child is at risk, they must act.
svc-norrkoping-kontaktcenter-about = The phone desk of Norrköping municipality. Ask for the social services. From June to August it closes at 16.
svc-norrkoping-kontaktcenter-anon = You can first ask whether you need to give your name. If a child is at risk, they must act.
svc-norrkoping-kontaktcenter-meanwhile = While it is closed, call { -role-local-on-call }. If it is urgent, call 112.
svc-norrkoping-frideborg-about = Norrköping's support for violence at home or in a couple: for people hurt by it, for people who use it, and for children from 4 who saw it.
svc-norrkoping-frideborg-anon = You can first ask whether you need to give your name.

svc-talita-about = For women who want to leave prostitution, pornography or trafficking: shelters in Stockholm, a one-year programme, trauma therapy, and help to go home. A place in a shelter is arranged by the police or the social services. Men and trans people get support at the clinic in Stockholm, without housing.
svc-talita-anon = You can contact them without saying who you are.
svc-safe-havens-about = The Salvation Army's centre for anyone who may be trafficked, whatever their gender, background or papers. Free legal and social advice: book a time by phone or e-mail. Drop-in in Stockholm on Wednesdays, 15 to 18. A team travels to the rest of Sweden.
svc-safe-havens-anon = You can first ask whether you need to give your name.
svc-tjejzonen-about = A chat for girls and young women aged 10 to 25, about anything. It is not only for questions about sex for money.
svc-tjejzonen-anon = The chat is anonymous.
svc-sjalvmordslinjen-about = Mind's line for people who think about taking their own life, and for people close to them. Call or chat, day and night.
svc-sjalvmordslinjen-anon = You do not have to say who you are.
svc-droghjalpen-about = National line for people who use drugs, and for people close to them.
svc-droghjalpen-anon = You do not have to say who you are.
svc-alkoholhjalpen-about = National support for people who want to change their drinking, and for people close to them.
svc-alkoholhjalpen-anon = You do not have to say who you are.
svc-noomi-about = A shelter in Malmö for people from 18 who are exploited in prostitution or trafficking. A place is arranged through the social services.
svc-noomi-anon = Ask the social services what they need to know about you.
svc-novahuset-about = In Linköping: support after sexual violence, also for people who have sex for money.
svc-novahuset-anon = You do not have to say who you are.
svc-norrkoping-skuldradgivning-about = Free help in Norrköping to plan your money and deal with debts. Call the municipality's phone desk (kontaktcenter) and ask for budget and debt counselling.
svc-norrkoping-skuldradgivning-anon = Meetings are in neutral rooms. You can first ask whether you need to give your name.
svc-norrkoping-mobila-teamet-about = In Norrköping, a psychiatric team can come out to an adult in acute mental crisis. Call 112: they can send the team.
svc-norrkoping-mobila-teamet-anon = They will ask where you are, so that the team can come.
svc-norrkoping-mobila-teamet-meanwhile = The team goes out only in the afternoon, evening and night. 112 answers at every hour: if a life is in danger, call now.

svc-norrkoping-noaks-ark-about = Free HIV tests in Norrköping, and also in Linköping. For tests for other infections, ask 1177 where to go.
svc-norrkoping-noaks-ark-anon = You do not have to give your name for an HIV test.
