//! Hands updates to the conversation handler: one chat's updates one at a time and in
//! order, different chats at the same time, each update at most once, and a record of how
//! far processing has got so that a restart neither repeats nor skips updates.
//!
//! Each chat with work has a worker task and a short queue, found by its
//! [`ChatKey`](crate::telegram::chats::ChatKey) (never by the chat id); a worker ends when its queue
//! is empty and the chat is forgotten, so nothing here outlives the conversation's
//! activity. Before an update is queued, the chat's intake schedule judges it (see
//! [`intake`](crate::telegram::incoming::intake)): a chat writing faster than a person can is held back and
//! told so once, while emergency help and the quick exit always go through. A chat whose
//! queue is full all the same (its answers are slow to go out) has further updates
//! dropped.
//!
//! A button press is answered (`answerCallbackQuery`) here, as soon as it is read, not
//! when its chat's turn comes: until then the person's app shows the button as waiting,
//! and the chat may still have replies going out or be held back. A held-back press
//! gets a short text ("wait a moment"), within [`HELD_BACK_ANSWERS`] for the whole bot,
//! so that a flood of presses cannot become a flood of calls.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::sync::Arc;

use teloxide::types::Update;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::telegram::chats::ChatKey;
use crate::telegram::incoming::intake::{Gate, Verdict};
use crate::telegram::incoming::updates::{Event, Incoming, Press, classify};
use crate::telegram::ops::activity::{ACTIVITY, Happened};
use crate::telegram::ops::clock::Clock;
use crate::telegram::send::limiter::Rate;

/// Updates waiting per chat before further ones are dropped.
pub(crate) const CHAT_QUEUE: usize = 64;
/// How many recent update ids are remembered to drop repeats.
const RECENT_IDS: usize = 4096;
/// How far below the last id an earlier run processed an update counts as handed out
/// again; further below, it starts a new sequence (see `Progress::admit`).
pub(crate) const FLOOR_WINDOW: u32 = 100_000;
/// Chats whose updates are being handled at once. More would not answer sooner (a few
/// dozen keep both cores busy), but each holds a task, an HTTP connection and its
/// buffers. Measured on a backlog of 100,000 chats (`cargo bench --bench e2e backlog`):
/// unbounded, 89 MiB resident at the end; 256, 83 MiB; 64, 73 MiB but 10 % slower.
/// When all are busy, the router waits, and so does the update source behind it.
pub(crate) const MAX_ACTIVE_CHATS: usize = 128;
/// How many presses from held-back chats are answered, for all chats together; further
/// ones are left unanswered (the app gives up waiting on its own after a few seconds).
pub(crate) const HELD_BACK_ANSWERS: Rate = Rate {
    per_second: 30.0,
    burst: 30,
};
/// The one schedule for [`HELD_BACK_ANSWERS`] is kept under the key of chat id 0, which
/// no Telegram chat has.
const ALL_CHATS: i64 = 0;

/// What the router hands work to.
pub(crate) trait Handler: Send + Sync + 'static {
    /// Handles one event of update `update`. Calls for one chat never overlap and come
    /// in arrival order.
    fn handle(&self, update: u32, incoming: Incoming) -> impl Future<Output = ()> + Send;

    /// Whether the event must be handled even from a chat that is held back: emergency
    /// help and the quick exit.
    fn urgent(&self, incoming: &Incoming) -> bool;

    /// Every update up to and including `id`, in arrival order, has been processed.
    fn processed(&self, id: u32);

    /// Answers a button press now, without waiting (the call goes out on its own task);
    /// `held_back`: its chat is held back, and the answer says so briefly.
    fn answer_press(&self, press: Press, held_back: bool);
}

/// An update from the source, and whom to tell once it is handled (a webhook request
/// waiting to be answered); told also when the update is dropped, set aside or a repeat.
pub struct Taken {
    pub update: Update,
    pub handled: Option<oneshot::Sender<()>>,
}

impl From<Update> for Taken {
    fn from(update: Update) -> Self {
        Taken {
            update,
            handled: None,
        }
    }
}

struct Job {
    id: u32,
    incoming: Incoming,
    /// Dropped (which tells the waiting side) once the update is handled.
    _handled: Option<oneshot::Sender<()>>,
}

/// Routes `updates` until the channel closes, then waits for every update in hand to
/// finish. Updates with an id up to `done_up_to` were processed before (by an earlier
/// run) and are skipped. `intake` is how fast one chat's updates are taken in, judged at
/// the `clock`'s instant.
pub(crate) async fn route<H: Handler>(
    mut updates: mpsc::Receiver<Taken>,
    handler: Arc<H>,
    done_up_to: Option<u32>,
    intake: Rate,
    clock: Arc<dyn Clock>,
) {
    let mut gate = Gate::new(intake);
    let mut held_back_answers = Gate::new(HELD_BACK_ANSWERS);
    let active = Arc::new(Semaphore::new(MAX_ACTIVE_CHATS));
    let mut chats: HashMap<ChatKey, mpsc::Sender<Job>> = HashMap::new();
    let mut workers: JoinSet<(ChatKey, mpsc::Receiver<Job>)> = JoinSet::new();
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<u32>();
    let mut progress = Progress::new(done_up_to);
    let mut open = true;
    loop {
        tokio::select! {
            update = updates.recv(), if open => match update {
                None => open = false,
                Some(Taken { update, handled }) => {
                    let id = update.id.0;
                    if !progress.admit(id) {
                        ACTIVITY.count(Happened::Repeated);
                    } else if let Some(incoming) = classify(update).and_then(|mut incoming| {
                        let press = incoming.press.take();
                        let now = clock.instant();
                        let admitted = admit(&mut gate, &*handler, incoming, now);
                        if let Some(press) = press {
                            let set_aside = admitted.is_none();
                            answer(&*handler, &mut held_back_answers, press, set_aside, now);
                        }
                        admitted
                    }) {
                        let job = Job { id, incoming, _handled: handled };
                        let permit = if has_worker(&chats, ChatKey::of(job.incoming.chat)) {
                            None
                        } else {
                            active.clone().acquire_owned().await.ok()
                        };
                        if let Some(dropped) = dispatch(&mut chats, &mut workers, &handler, &done_tx, job, permit) {
                            report(&*handler, progress.finish(dropped));
                        }
                    } else {
                        report(&*handler, progress.finish(id));
                    }
                }
            },
            Some(finished) = workers.join_next(), if !workers.is_empty() => {
                match finished {
                    Ok((chat, jobs)) if jobs.is_empty() => {
                        chats.remove(&chat);
                    }
                    // Work arrived after the worker found its queue empty.
                    Ok((chat, jobs)) => {
                        let permit = active.clone().acquire_owned().await.ok();
                        workers.spawn(work(chat, jobs, handler.clone(), done_tx.clone(), permit));
                    }
                    Err(_) => tracing::error!("a chat worker stopped unexpectedly"),
                }
            }
            Some(id) = done_rx.recv() => report(&*handler, progress.finish(id)),
        }
        if !open && workers.is_empty() {
            while let Ok(id) = done_rx.try_recv() {
                report(&*handler, progress.finish(id));
            }
            break;
        }
    }
}

/// What becomes of an update under its chat's intake schedule: handled, turned into the
/// calm notice, or set aside (`None`). A block is always handled (it wipes the session).
/// What is handed on carries the newest message id set aside before it (see
/// [`Gate::set_aside`]), so that the quick exit deletes that message too.
fn admit<H: Handler>(
    gate: &mut Gate,
    handler: &H,
    mut incoming: Incoming,
    now: Instant,
) -> Option<Incoming> {
    if matches!(incoming.event, Event::Blocked) {
        return Some(incoming);
    }
    let key = ChatKey::of(incoming.chat);
    let verdict = gate.judge(key, now);
    if verdict == Verdict::SetAside && !handler.urgent(&incoming) {
        ACTIVITY.count(Happened::SetAside);
        if let Event::Message { message_id, .. } = &incoming.event {
            gate.set_aside(key, *message_id);
        }
        return None;
    }
    incoming.aside = gate.take_aside(key);
    match verdict {
        Verdict::Take => Some(incoming),
        _ if handler.urgent(&incoming) => Some(incoming),
        Verdict::Warn => {
            tracing::warn!(
                "a chat writes faster than it is taken in; its messages are set aside until it slows down"
            );
            Some(incoming.too_fast())
        }
        Verdict::SetAside => None,
    }
}

/// Answers a press as it is read: at once if its update is taken in (or turned into the
/// calm notice), with the short text if it is set aside and the bot-wide allowance for
/// those answers has room, else not at all.
fn answer<H: Handler>(
    handler: &H,
    allowance: &mut Gate,
    press: Press,
    set_aside: bool,
    now: Instant,
) {
    if !set_aside {
        handler.answer_press(press, false);
    } else if allowance.judge(ChatKey::of(ALL_CHATS), now) == Verdict::Take {
        handler.answer_press(press, true);
    }
}

/// Whether `chat` has a worker that will take another job.
fn has_worker(chats: &HashMap<ChatKey, mpsc::Sender<Job>>, chat: ChatKey) -> bool {
    chats.get(&chat).is_some_and(|queue| !queue.is_closed())
}

/// Queues a job for its chat, starting the chat's worker (holding `permit`) if it has
/// none. Returns the id of a job dropped because the chat's queue is full.
fn dispatch<H: Handler>(
    chats: &mut HashMap<ChatKey, mpsc::Sender<Job>>,
    workers: &mut JoinSet<(ChatKey, mpsc::Receiver<Job>)>,
    handler: &Arc<H>,
    done: &mpsc::UnboundedSender<u32>,
    job: Job,
    permit: Option<OwnedSemaphorePermit>,
) -> Option<u32> {
    let chat = ChatKey::of(job.incoming.chat);
    let job = match chats.get(&chat) {
        Some(queue) => match queue.try_send(job) {
            Ok(()) => return None,
            Err(mpsc::error::TrySendError::Full(job)) => {
                ACTIVITY.count(Happened::Dropped);
                return Some(job.id);
            }
            // The worker's queue is gone only if the worker is; start a new one.
            Err(mpsc::error::TrySendError::Closed(job)) => job,
        },
        None => job,
    };
    let (queue, jobs) = mpsc::channel(CHAT_QUEUE);
    // A fresh queue has room for one job.
    let _ = queue.try_send(job);
    chats.insert(chat, queue);
    workers.spawn(work(chat, jobs, handler.clone(), done.clone(), permit));
    None
}

fn report<H: Handler>(handler: &H, watermark: Option<u32>) {
    if let Some(id) = watermark {
        handler.processed(id);
    }
}

/// Works through one chat's queue, then hands the queue back; `_active` is its place
/// among the chats handled at once, given back when it ends.
async fn work<H: Handler>(
    chat: ChatKey,
    mut jobs: mpsc::Receiver<Job>,
    handler: Arc<H>,
    done: mpsc::UnboundedSender<u32>,
    _active: Option<OwnedSemaphorePermit>,
) -> (ChatKey, mpsc::Receiver<Job>) {
    while let Ok(job) = jobs.try_recv() {
        let handler = handler.clone();
        // A task of its own, so that a panic while handling one update is contained and
        // the chat's later updates still run.
        let Job {
            id,
            incoming,
            _handled: waiting,
        } = job;
        let handled = tokio::spawn(async move { handler.handle(id, incoming).await }).await;
        if handled.is_err() {
            tracing::error!("handling an update failed unexpectedly");
        }
        drop(waiting);
        let _ = done.send(id);
    }
    (chat, jobs)
}

/// Which updates are in hand and how far processing has got.
#[derive(Debug)]
struct Progress {
    /// Everything up to here was done by an earlier run.
    floor: Option<u32>,
    in_flight: BTreeSet<u32>,
    /// Finished updates not yet covered by a reported watermark.
    finished: BTreeSet<u32>,
    recent: HashSet<u32>,
    recent_order: VecDeque<u32>,
}

impl Progress {
    fn new(floor: Option<u32>) -> Self {
        Progress {
            floor,
            in_flight: BTreeSet::new(),
            finished: BTreeSet::new(),
            recent: HashSet::new(),
            recent_order: VecDeque::new(),
        }
    }

    /// Whether `id` is new; if so it is now in hand.
    fn admit(&mut self, id: u32) -> bool {
        // Below the floor means handed out again, unless far below: after a week
        // without updates Telegram picks the next id at random, and a new sequence must
        // not be skipped until it climbs past the old one.
        let repeated = self.floor.is_some_and(|f| id <= f && f - id < FLOOR_WINDOW);
        if repeated || !self.recent.insert(id) {
            return false;
        }
        self.recent_order.push_back(id);
        if self.recent_order.len() > RECENT_IDS
            && let Some(old) = self.recent_order.pop_front()
        {
            self.recent.remove(&old);
        }
        self.in_flight.insert(id);
        true
    }

    /// Marks `id` done; returns the new watermark (the newest finished update with none
    /// older still in hand) if it moved.
    fn finish(&mut self, id: u32) -> Option<u32> {
        self.in_flight.remove(&id);
        self.finished.insert(id);
        let watermark = match self.in_flight.first() {
            None => self.finished.last().copied(),
            Some(&oldest) => self.finished.range(..oldest).next_back().copied(),
        }?;
        match watermark.checked_add(1) {
            Some(next) => self.finished = self.finished.split_off(&next),
            None => self.finished.clear(),
        }
        Some(watermark)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;
    use crate::engine::Input;
    use crate::telegram::incoming::updates::Event;

    #[derive(Default)]
    struct Recorder {
        handled: Mutex<Vec<(i64, String)>>,
        processed: Mutex<Vec<u32>>,
        /// Handlers running now, and the most at once.
        running: Mutex<(usize, usize)>,
        /// Presses answered: the query id, whether held back, and how many updates had
        /// been handled by then.
        presses: Mutex<Vec<(String, bool, usize)>>,
    }

    impl Handler for Recorder {
        async fn handle(&self, _update: u32, incoming: Incoming) {
            let text = match incoming.event {
                Event::Message {
                    input: Input::Text(text),
                    ..
                } => text,
                Event::TooFast { .. } => "(too fast)".to_string(),
                Event::Button { data, .. } => format!("(press {data})"),
                _ => return,
            };
            // The first message of chat 1 is slow, so that chat 2 overtakes it.
            if text == "slow" {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            if text == "panic" {
                panic!("a handler failure");
            }
            if text == "hold" {
                {
                    let mut r = self.running.lock().unwrap_or_else(|p| p.into_inner());
                    r.0 += 1;
                    r.1 = r.1.max(r.0);
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                self.running.lock().unwrap_or_else(|p| p.into_inner()).0 -= 1;
            }
            self.handled
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((incoming.chat, text));
        }

        fn urgent(&self, incoming: &Incoming) -> bool {
            matches!(&incoming.event, Event::Message { input: Input::Text(t), .. } if t == "exit")
        }

        fn processed(&self, id: u32) {
            self.processed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(id);
        }

        fn answer_press(&self, press: Press, held_back: bool) {
            let handled = self.handled.lock().map(|h| h.len()).unwrap_or_default();
            self.presses
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((press.callback_id, held_back, handled));
        }
    }

    fn text_update(id: u32, chat: i64, text: &str) -> Update {
        let v = serde_json::json!({"update_id": id, "message": {
            "message_id": id, "date": 1, "text": text,
            "chat": {"id": chat, "type": "private", "first_name": "A"},
            "from": {"id": chat, "is_bot": false, "first_name": "A"}
        }});
        match serde_json::from_str(&v.to_string()) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        }
    }

    fn press_update(id: u32, chat: i64, data: &str) -> Update {
        let v = serde_json::json!({"update_id": id, "callback_query": {
            "id": format!("q{id}"), "chat_instance": "1", "data": data,
            "from": {"id": chat, "is_bot": false, "first_name": "A"},
            "message": {"message_id": 1, "date": 1, "text": "menu",
                        "chat": {"id": chat, "type": "private", "first_name": "A"}}
        }});
        match serde_json::from_str(&v.to_string()) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        }
    }

    fn presses(r: &Recorder) -> Vec<(String, bool, usize)> {
        r.presses.lock().map(|p| p.clone()).unwrap_or_default()
    }

    const GENEROUS: Rate = Rate {
        per_second: 1000.0,
        burst: 1000,
    };

    async fn run(updates: Vec<Update>, floor: Option<u32>) -> Arc<Recorder> {
        run_with(updates, floor, GENEROUS).await
    }

    async fn run_with(updates: Vec<Update>, floor: Option<u32>, intake: Rate) -> Arc<Recorder> {
        let recorder = Arc::new(Recorder::default());
        let (tx, rx) = mpsc::channel(16);
        let clock = Arc::new(crate::telegram::ops::clock::SystemClock);
        let routing = tokio::spawn(route(rx, recorder.clone(), floor, intake, clock));
        for u in updates {
            let _ = tx.send(Taken::from(u)).await;
        }
        drop(tx);
        let _ = routing.await;
        recorder
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_in_order_others_alongside() {
        let r = run(
            vec![
                text_update(10, 1, "slow"),
                text_update(11, 2, "b1"),
                text_update(12, 1, "a2"),
                text_update(13, 2, "b2"),
            ],
            None,
        )
        .await;
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        let chat1: Vec<&str> = handled
            .iter()
            .filter(|h| h.0 == 1)
            .map(|h| h.1.as_str())
            .collect();
        assert_eq!(chat1, ["slow", "a2"]);
        // Chat 2 did not wait for chat 1's slow message.
        assert_eq!(handled[0], (2, "b1".to_string()));
        let processed = r.processed.lock().map(|p| p.clone()).unwrap_or_default();
        // While update 10 was in hand, nothing counted as processed; then everything up
        // to 11 (12 waited behind 10), then all.
        assert_eq!(processed, [11, 13]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_press_is_answered_when_read_while_its_chat_is_still_busy() {
        let r = run(
            vec![text_update(10, 1, "slow"), press_update(11, 1, "c1")],
            None,
        )
        .await;
        // Answered before anything was handled: the chat's slow update was still under
        // way, and the press itself came after it.
        assert_eq!(presses(&r), [("q11".to_string(), false, 0)]);
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        assert_eq!(
            handled,
            [(1, "slow".to_string()), (1, "(press c1)".to_string())]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn held_back_presses_get_the_short_text_within_a_bot_wide_allowance() {
        // 40 chats press three times at once under an intake of one at a time: the
        // first is taken, the second turns into the calm notice, the third is set aside.
        let chats = 40;
        let mut updates = Vec::new();
        for round in 0..3 {
            for chat in 1..=chats {
                updates.push(press_update(
                    (round + 1) * 1000 + chat,
                    i64::from(chat),
                    "c",
                ));
            }
        }
        let intake = Rate {
            per_second: 1.0,
            burst: 1,
        };
        let r = run_with(updates, None, intake).await;
        let answered = presses(&r);
        let plain = answered.iter().filter(|p| !p.1).count();
        let held_back: Vec<_> = answered.iter().filter(|p| p.1).collect();
        assert_eq!(plain, 2 * chats as usize);
        assert_eq!(held_back.len(), HELD_BACK_ANSWERS.burst as usize);
        // Only third presses (ids 3001 to 3040), set aside, got the text.
        assert!(held_back.iter().all(|p| p.0.starts_with("q3")));
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        assert_eq!(handled.len(), 2 * chats as usize);
    }

    #[tokio::test]
    async fn repeats_and_earlier_updates_are_skipped() {
        let r = run(
            vec![
                text_update(5, 1, "old"),
                text_update(6, 1, "new"),
                text_update(6, 1, "new"),
            ],
            Some(5),
        )
        .await;
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        assert_eq!(handled, [(1, "new".to_string())]);
        let processed = r.processed.lock().map(|p| p.clone()).unwrap_or_default();
        assert_eq!(processed, [6]);
    }

    #[tokio::test]
    async fn a_panic_in_one_update_does_not_stop_the_chat() {
        let r = run(
            vec![text_update(1, 1, "panic"), text_update(2, 1, "after")],
            None,
        )
        .await;
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        assert_eq!(handled, [(1, "after".to_string())]);
        let processed = r.processed.lock().map(|p| p.clone()).unwrap_or_default();
        assert_eq!(processed.last(), Some(&2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_flooding_chat_is_told_once_and_urgent_messages_still_go_through() {
        let mut updates = Vec::new();
        for i in 0..50 {
            updates.push(text_update(updates.len() as u32, 1, &format!("flood {i}")));
            if i == 25 {
                updates.push(text_update(updates.len() as u32, 2, "other"));
                updates.push(text_update(updates.len() as u32, 1, "exit"));
            }
        }
        let last = updates.len() as u32 - 1;
        let intake = Rate {
            per_second: 1.0,
            burst: 3,
        };
        let r = run_with(updates, None, intake).await;
        let handled = r.handled.lock().map(|h| h.clone()).unwrap_or_default();
        let chat1: Vec<&str> = handled
            .iter()
            .filter(|h| h.0 == 1)
            .map(|h| h.1.as_str())
            .collect();
        assert_eq!(
            chat1,
            ["flood 0", "flood 1", "flood 2", "(too fast)", "exit"]
        );
        assert!(handled.contains(&(2, "other".to_string())));
        // Set-aside updates count as processed: the watermark reaches the last one.
        let processed = r.processed.lock().map(|p| p.clone()).unwrap_or_default();
        assert_eq!(processed.last(), Some(&last));
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_so_many_chats_are_handled_at_once_and_none_is_lost() {
        let chats = MAX_ACTIVE_CHATS as u32 + 100;
        let updates = (0..chats)
            .map(|i| text_update(i, i64::from(i), "hold"))
            .collect();
        let r = run(updates, None).await;
        let handled = r.handled.lock().map(|h| h.len()).unwrap_or_default();
        assert_eq!(handled, chats as usize);
        let most = r.running.lock().map(|r| r.1).unwrap_or_default();
        assert_eq!(most, MAX_ACTIVE_CHATS);
    }

    #[test]
    fn a_new_random_sequence_far_below_the_floor_is_not_skipped() {
        let mut p = Progress::new(Some(5_000_000));
        assert!(!p.admit(5_000_000));
        assert!(!p.admit(4_999_000));
        assert!(p.admit(123));
        assert!(!p.admit(123));
        assert!(p.admit(5_000_001));
    }

    #[test]
    fn the_watermark_waits_for_the_oldest_update_in_hand() {
        let mut p = Progress::new(None);
        for id in [1, 2, 3] {
            assert!(p.admit(id));
        }
        assert_eq!(p.finish(2), None);
        assert_eq!(p.finish(3), None);
        assert_eq!(p.finish(1), Some(3));
        assert!(!p.admit(3));
    }
}
