//! The peer in the end-to-end benchmark: a bare teloxide dialogue bot doing the same
//! three-step walk as the people of the `peer` scenario, so that signpost's cost can be
//! read against what teloxide itself costs for the same conversation.
//!
//! It is what a small teloxide bot usually is: teloxide's own `Dispatcher` (long polling,
//! updates of one chat in order, chats in parallel), its in-memory dialogue storage, one
//! message per step with an inline keyboard, and `answerCallbackQuery` for every press.
//! The texts are the Swedish start menu, the buyer step and its signpost (with its three
//! service cards) copied from the golden transcripts, so that both bots send messages of
//! the same size. No store on disk, no languages, no limits: a lower bound.
//!
//! The benchmark starts it as a separate process (its own executable, with
//! `SIGNPOST_BENCH_PEER=1`), so that its CPU time and resident memory are read from
//! `/proc` the same way as signpost's.
//!
//! The same bot with teloxide's SQLite dialogue storage (what a teloxide bot that must
//! survive a restart would use) is `benches/peer-sqlite`, a crate of its own that
//! includes this file, so that SQLite is built only when that benchmark runs.

use std::future::Future;
use std::sync::Arc;

use teloxide::dispatching::dialogue::{self, InMemStorage, Storage};
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Where a chat is in the walk.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub enum State {
    #[default]
    Menu,
    Buyer,
    Signpost,
}

/// A storage the peer can keep its dialogues in.
pub trait PeerStorage:
    Storage<State, Error: std::error::Error + Send + Sync + 'static> + Send + Sync + 'static
{
}
impl<S> PeerStorage for S where
    S: Storage<State, Error: std::error::Error + Send + Sync + 'static> + Send + Sync + 'static
{
}

type Peer<S> = Dialogue<State, S>;
type Result = std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;

const MENU: &str = "Hej. Här kan du ta reda på var du kan få hjälp om att sälja eller köpa sex, \
utnyttjande eller människohandel.\nJag är en bot, inte en människa. Du behöver inte berätta \
vem du är.\nKnappen Nödläge finns alltid, och Avsluta raderar samtalet.\n\nVad passar dig bäst?";
const MENU_BUTTONS: [(&str, &str); 5] = [
    ("Jag säljer sex eller utnyttjas", "sell"),
    ("Jag köper sex och vill sluta", "buyer"),
    ("Jag är orolig för någon", "worried"),
    ("Jag vill anmäla något", "report"),
    ("Jag är under 18 år", "young"),
];
const BUYER: &str = "Bra att du är här. Du är inte ensam om att vilja sluta, och det finns \
hjälp.\nIngen här frågar vem du är. Vad vill du veta?";
const BUYER_BUTTONS: [(&str, &str); 4] = [
    ("Var kan jag få hjälp?", "where"),
    ("Vad är behandling?", "treatment"),
    ("Vad händer om jag hör av mig?", "what"),
    ("↩ Tillbaka till början", "menu"),
];
const SIGNPOST: &str = "Börja med socialtjänsten där du bor. Du kan fråga utan att säga vem du \
är.\nVi har inte hittat någon mottagning för den som köper sex i Östergötland. Sådana finns på \
andra orter, men de tar kanske bara emot den som bor där.\nPreventell är en nationell linje för \
den som oroar sig för sitt eget sexuella beteende. Vi visar inte numret än.\n\n\
<b>Norrköpings kommun, kontaktcenter</b>\nKommunens växel i Norrköping. Be att få tala med \
socialtjänsten. I juni, juli och augusti stänger den klockan 16.\nTelefon: 011-15 00 00\n\
Öppet nu, till 17:00.\nDu kan vara anonym.\nDu kan fråga om råd utan att säga vem du är. Om ett \
barn far illa måste de agera.\n\n<b>Socialjouren Norrköping</b>\nSocialjouren i Norrköping. De \
svarar när kontoren är stängda, alla dagar om året.\nTelefon: 011-15 22 83\nExakta öppettider \
finns inte med här.\nDu kan vara anonym.\nDu kan ringa utan att säga vem du är. Om ett barn far \
illa måste de agera.\n\n<b>Evonhuset</b>\nI Malmö: för den som säljer eller köper sex, och för \
den som har utsatts för människohandel, från 15 år. Vi vet inte om de hjälper folk från andra \
orter. Fråga dem.\nTelefon: 020-35 40 40\nE-post: evonhuset@malmo.se\nExakta öppettider finns \
inte med här.\nVi vet inte om du kan vara anonym här.\nDu kan fråga vad de behöver veta innan du \
säger vem du är.\nKostnadsfritt";
const SIGNPOST_BUTTONS: [(&str, &str); 3] = [
    ("Vad är behandling?", "treatment"),
    ("Vad händer om jag hör av mig?", "what"),
    ("↩ Tillbaka till början", "menu"),
];
/// The two buttons under every step, on one row.
const ALWAYS: [(&str, &str); 2] = [("🆘 Nödläge 112", "sos"), ("✖ Avsluta och radera", "exit")];

fn keyboard(buttons: &[(&str, &str)]) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons
        .iter()
        .map(|(label, data)| vec![InlineKeyboardButton::callback(*label, *data)])
        .collect();
    rows.push(
        ALWAYS
            .iter()
            .map(|(label, data)| InlineKeyboardButton::callback(*label, *data))
            .collect(),
    );
    InlineKeyboardMarkup::new(rows)
}

async fn show<S: PeerStorage>(bot: &Bot, chat: ChatId, peer: &Peer<S>, state: State) -> Result {
    let (text, buttons): (&str, &[(&str, &str)]) = match state {
        State::Menu => (MENU, &MENU_BUTTONS),
        State::Buyer => (BUYER, &BUYER_BUTTONS),
        State::Signpost => (SIGNPOST, &SIGNPOST_BUTTONS),
    };
    bot.send_message(chat, text)
        .parse_mode(teloxide::types::ParseMode::Html)
        .reply_markup(keyboard(buttons))
        .await?;
    peer.update(state).await?;
    Ok(())
}

/// Any typed message: the start menu.
async fn message<S: PeerStorage>(bot: Bot, peer: Peer<S>, msg: Message) -> Result {
    show(&bot, msg.chat.id, &peer, State::Menu).await
}

/// A press: answered at once, then the next step of the walk.
async fn press<S: PeerStorage>(bot: Bot, peer: Peer<S>, state: State, q: CallbackQuery) -> Result {
    bot.answer_callback_query(q.id.clone()).await?;
    let Some(chat) = q.regular_message().map(|m| m.chat.id) else {
        return Ok(());
    };
    let next = match (state, q.data.as_deref()) {
        (State::Menu, Some("buyer")) => State::Buyer,
        (State::Buyer, Some("where")) => State::Signpost,
        _ => State::Menu,
    };
    show(&bot, chat, &peer, next).await
}

fn schema<S: PeerStorage>() -> UpdateHandler<Box<dyn std::error::Error + Send + Sync + 'static>> {
    dialogue::enter::<Update, S, State, _>()
        .branch(Update::filter_message().endpoint(message::<S>))
        .branch(Update::filter_callback_query().endpoint(press::<S>))
}

/// Runs the peer bot with its dialogues in memory until SIGTERM (`TELOXIDE_TOKEN`,
/// `TELOXIDE_API_URL` from the environment, as for signpost).
#[allow(dead_code)] // The SQLite peer's crate includes this file and runs `run_with`.
pub fn run() -> ! {
    run_with(|| async { InMemStorage::<State>::new() })
}

/// Runs the peer bot with the dialogue storage `open` makes, until SIGTERM.
pub fn run_with<S, F, Fut>(open: F) -> !
where
    S: PeerStorage,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Arc<S>>,
{
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("peer: no runtime: {e}");
            std::process::exit(1);
        }
    };
    runtime.block_on(async {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("peer: no signal handler: {e}");
                    std::process::exit(1);
                }
            };
        let storage = open().await;
        let mut dispatcher = Dispatcher::builder(Bot::from_env(), schema::<S>())
            .dependencies(dptree::deps![storage])
            .build();
        tokio::select! {
            _ = dispatcher.dispatch() => {}
            _ = term.recv() => {}
        }
    });
    std::process::exit(0);
}
