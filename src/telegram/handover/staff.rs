//! What staff type in the group: `/available`, `/away` and `/end`, also written
//! `/end@botname` (Telegram adds the bot's name when a group has several bots); and who
//! among the group's members is heard at all ([`may_answer`]).

/// Whether `from` may answer and use the commands: anyone in the group when `[handover]`
/// lists no `staff`, else only those listed (their Telegram user ids).
pub(crate) fn may_answer(staff: Option<&[u64]>, from: u64) -> bool {
    staff.is_none_or(|listed| listed.contains(&from))
}

/// A staff command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// I can take conversations now.
    Available,
    /// I cannot any more.
    Away,
    /// End the case of this topic.
    End,
}

/// The command `text` holds, if it is one of ours: addressed to no bot or to `bot`
/// (the bot's username, compared without case).
pub(crate) fn command(text: &str, bot: &str) -> Option<Command> {
    let word = text.split_whitespace().next()?;
    let word = word.strip_prefix('/')?;
    let (name, to) = match word.split_once('@') {
        Some((name, to)) => (name, Some(to)),
        None => (word, None),
    };
    if to.is_some_and(|to| !to.eq_ignore_ascii_case(bot)) {
        return None;
    }
    match name.to_ascii_lowercase().as_str() {
        "available" => Some(Command::Available),
        "away" => Some(Command::Away),
        "end" => Some(Command::End),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_with_and_without_the_bots_name() {
        assert_eq!(
            command("/available", "signpost_bot"),
            Some(Command::Available)
        );
        assert_eq!(command(" /away ", "signpost_bot"), Some(Command::Away));
        assert_eq!(
            command("/end@Signpost_Bot", "signpost_bot"),
            Some(Command::End)
        );
        assert_eq!(command("/END now", "signpost_bot"), Some(Command::End));
    }

    #[test]
    fn with_a_staff_list_only_the_listed_are_heard() {
        assert!(may_answer(None, 42));
        assert!(may_answer(Some(&[42, 7]), 42));
        assert!(!may_answer(Some(&[7]), 42));
        assert!(!may_answer(Some(&[]), 42));
    }

    #[test]
    fn other_bots_and_other_words_are_not_commands() {
        assert_eq!(command("/end@other_bot", "signpost_bot"), None);
        assert_eq!(command("end", "signpost_bot"), None);
        assert_eq!(command("/start", "signpost_bot"), None);
        assert_eq!(command("", "signpost_bot"), None);
        assert_eq!(command("please /end", "signpost_bot"), None);
    }
}
