//! A service card's facts written back into its TOML file with `toml_edit`, which keeps
//! every comment and the layout: a value that did not change is not touched, one that
//! did keeps the spacing and comments around it.

mod hours;

use hours::hours;

use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike, Value};

/// The weekdays of an `[hours]` table, in order.
pub(crate) const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The days of the year with rules of their own (`src/load/hours.rs`): each is left
/// out (the usual weekday's hours), `"closed"`, or its own times.
pub(crate) const SPECIAL_DAYS: [&str; 5] = [
    "holidays",
    "holiday_eve",
    "midsummer_eve",
    "christmas_eve",
    "new_years_eve",
];

/// Other weekly hours for part of every year (`periods`): from and to as `MM-DD`, and
/// each weekday's times as in the usual week (empty: closed that day then).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PeriodForm {
    pub from: String,
    pub to: String,
    pub days: [String; 7],
}

/// One dated exception (`exceptions`): the date, and its times (empty: closed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExceptionForm {
    pub date: String,
    pub hours: String,
}

/// What the service form posts. Empty text means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ServiceForm {
    /// (kind, value) pairs; a pair with an empty value is left out.
    pub contacts: Vec<(String, String)>,
    pub anonymity: String,
    /// Language codes, separated by commas or spaces.
    pub languages: String,
    pub source: String,
    pub source_date: String,
    pub verified_on: String,
    pub verified_by: String,
    /// `always = true`.
    pub always: bool,
    /// For each of [`WEEKDAYS`]: periods such as `08:00-12:00, 13:00-16:00`.
    pub days: [String; 7],
    /// For each of [`SPECIAL_DAYS`]: empty (not given), `closed`, or times.
    pub special: [String; 5],
    /// The yearly periods (summer hours); a period with nothing filled in is removed.
    pub periods: Vec<PeriodForm>,
    /// The dated exceptions; one without a date is removed.
    pub exceptions: Vec<ExceptionForm>,
    /// Why periods or exceptions cannot be edited here (written in a shape the form
    /// does not take): they are then left as they are.
    pub as_written: Option<String>,
}

/// The form as the file now fills it (`None` when the service is not in it).
pub(crate) fn read(text: &str, id: &str) -> Option<ServiceForm> {
    let doc: DocumentMut = text.parse().ok()?;
    let service = doc
        .get("services")?
        .as_table_like()?
        .get(id)?
        .as_table_like()?;
    let string = |key: &str| {
        service
            .get(key)
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string()
    };
    let date = |key: &str| {
        service
            .get(key)
            .and_then(Item::as_datetime)
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let list = |item: Option<&Item>| -> Vec<String> {
        item.and_then(Item::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let contacts = service
        .get("contacts")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_inline_table)
                .map(|t| {
                    let get = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    (get("kind"), get("value"))
                })
                .collect()
        })
        .unwrap_or_default();
    let hours = service.get("hours").and_then(Item::as_table_like);
    let days = WEEKDAYS.map(|day| list(hours.and_then(|h| h.get(day))).join(", "));
    let special = SPECIAL_DAYS.map(|key| match hours.and_then(|h| h.get(key)) {
        Some(item) => match item.as_str() {
            Some(word) => word.to_string(),
            None => list(Some(item)).join(", "),
        },
        None => String::new(),
    });
    let mut as_written = None;
    let mut tables = |key: &str| -> Vec<InlineTable> {
        match hours.and_then(|h| h.get(key)) {
            None => Vec::new(),
            Some(item) => match item.as_array() {
                Some(a) if a.iter().all(|v| v.as_inline_table().is_some()) => a
                    .iter()
                    .filter_map(Value::as_inline_table)
                    .cloned()
                    .collect(),
                _ => {
                    as_written = Some(format!(
                        "{key} are written in a shape this form does not edit; change them in the file"
                    ));
                    Vec::new()
                }
            },
        }
    };
    let periods = tables("periods")
        .iter()
        .map(|t| {
            let get = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            PeriodForm {
                from: get("from"),
                to: get("to"),
                days: WEEKDAYS.map(|d| value_list(t.get(d)).join(", ")),
            }
        })
        .collect();
    let exceptions = tables("exceptions")
        .iter()
        .map(|t| ExceptionForm {
            date: t
                .get("date")
                .and_then(Value::as_datetime)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            hours: value_list(t.get("hours")).join(", "),
        })
        .collect();
    Some(ServiceForm {
        contacts,
        anonymity: string("anonymity"),
        languages: list(service.get("languages")).join(", "),
        source: string("source"),
        source_date: date("source_date"),
        verified_on: date("verified_on"),
        verified_by: string("verified_by"),
        always: hours
            .and_then(|h| h.get("always"))
            .and_then(Item::as_bool)
            .unwrap_or(false),
        days,
        special,
        periods,
        exceptions,
        as_written,
    })
}

/// The strings of a list value.
fn value_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Times as typed (`08:00-12:00, 13:00-16:00`, commas or semicolons between) as the
/// file's list; `check` judges each one.
fn times(typed: &str) -> Vec<String> {
    typed
        .split([',', ';'])
        .map(|p| p.trim().replace(' ', ""))
        .filter(|p| !p.is_empty())
        .collect()
}

/// `text` (a services or area file) with service `id`'s facts set to `form`.
pub(crate) fn apply(text: &str, id: &str, form: &ServiceForm) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the file does not parse as TOML: {e}"))?;
    let service = doc
        .get_mut("services")
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(id))
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| format!("service \"{id}\" is not in this file"))?;
    contacts(service, &form.contacts);
    set_str(service, "anonymity", &form.anonymity);
    let languages: Vec<String> = form
        .languages
        .split([',', ' '])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    set_list(service, "languages", &languages);
    set_str(service, "source", &form.source);
    set_date(service, "source_date", &form.source_date)?;
    set_date(service, "verified_on", &form.verified_on)?;
    set_str(service, "verified_by", &form.verified_by);
    hours(service, form)?;
    Ok(doc.to_string())
}

/// Sets a string, keeping the comments and spacing around the old value; removes the
/// key when `new` is empty.
fn set_str(table: &mut dyn TableLike, key: &str, new: &str) {
    let new = new.trim();
    if new.is_empty() {
        table.remove(key);
        return;
    }
    match table.get_mut(key) {
        Some(item) if item.as_str() == Some(new) => {}
        Some(Item::Value(value)) => replace(value, Value::from(new)),
        _ => {
            table.insert(key, toml_edit::value(new));
        }
    }
}

fn set_date(table: &mut dyn TableLike, key: &str, new: &str) -> Result<(), String> {
    let new = new.trim();
    if new.is_empty() {
        table.remove(key);
        return Ok(());
    }
    let date: toml_edit::Datetime = new
        .parse()
        .map_err(|_| format!("{key}: \"{new}\" is not a date (YYYY-MM-DD)"))?;
    match table.get_mut(key) {
        Some(item)
            if item
                .as_datetime()
                .is_some_and(|d| d.to_string() == date.to_string()) => {}
        Some(Item::Value(value)) => replace(value, Value::from(date)),
        _ => {
            table.insert(key, toml_edit::value(date));
        }
    }
    Ok(())
}

fn set_list(table: &mut dyn TableLike, key: &str, new: &[String]) {
    let old: Option<Vec<String>> = table.get(key).and_then(Item::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    });
    if old.as_deref() == Some(new) {
        return;
    }
    if new.is_empty() {
        table.remove(key);
        return;
    }
    let array: Array = new.iter().map(String::as_str).collect();
    match table.get_mut(key) {
        Some(Item::Value(value)) => replace(value, Value::Array(array)),
        _ => {
            table.insert(key, toml_edit::value(array));
        }
    }
}

/// `*value = new`, with the old value's comments and spacing.
fn replace(value: &mut Value, mut new: Value) {
    *new.decor_mut() = value.decor().clone();
    *value = new;
}

/// The contacts: each inline table changed in place (so a multi-line list keeps its
/// lines), added at the end, or removed from the end.
fn contacts(service: &mut dyn TableLike, new: &[(String, String)]) {
    let new: Vec<(&str, &str)> = new
        .iter()
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let Some(array) = service.get_mut("contacts").and_then(Item::as_array_mut) else {
        if !new.is_empty() {
            let array: Array = new
                .iter()
                .map(|(k, v)| Value::InlineTable(contact(k, v)))
                .collect();
            service.insert("contacts", toml_edit::value(array));
        }
        return;
    };
    while array.len() > new.len() {
        array.remove(array.len() - 1);
    }
    for (i, (kind, value)) in new.iter().enumerate() {
        match array.get_mut(i).and_then(Value::as_inline_table_mut) {
            Some(table) => {
                set_str(table, "kind", kind);
                set_str(table, "value", value);
            }
            None => array.push(Value::InlineTable(contact(kind, value))),
        }
    }
}

fn contact(kind: &str, value: &str) -> InlineTable {
    let mut table = InlineTable::new();
    table.insert("kind", Value::from(kind));
    table.insert("value", Value::from(value));
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# top\n[services.a]\nname = \"A\"\ncontacts = [\n  { kind = \"phone\", value = \"114 14\" },\n  { kind = \"web\", value = \"https://a.se\" },\n]\n# why\nanonymity = \"unknown\"\nlanguages = [\"sv\"]\nverified_on = 2026-12-01\nsource = \"https://a.se\"\n\n[services.a.hours]\nmon = [\"08:00-17:00\"]\n";

    fn form() -> ServiceForm {
        ServiceForm {
            contacts: vec![
                ("phone".into(), "114 14".into()),
                ("web".into(), "https://a.se".into()),
            ],
            anonymity: "unknown".into(),
            languages: "sv".into(),
            source: "https://a.se".into(),
            verified_on: "2026-12-01".into(),
            days: [
                "08:00-17:00".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
            ..ServiceForm::default()
        }
    }

    #[test]
    fn an_unchanged_form_changes_nothing() {
        assert_eq!(read(FILE, "a").unwrap(), form());
        assert_eq!(apply(FILE, "a", &form()).unwrap(), FILE);
    }

    #[test]
    fn one_number_changes_one_line() {
        let mut f = form();
        f.contacts[0].1 = "114 15".into();
        f.days[1] = "09:00-12:00, 13:00-15:00".into();
        let out = apply(FILE, "a", &f).unwrap();
        let changed: Vec<(&str, &str)> = FILE
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed,
            vec![(
                "  { kind = \"phone\", value = \"114 14\" },",
                "  { kind = \"phone\", value = \"114 15\" },"
            )]
        );
        assert!(
            out.ends_with("mon = [\"08:00-17:00\"]\ntue = [\"09:00-12:00\", \"13:00-15:00\"]\n"),
            "{out}"
        );
    }

    #[test]
    fn a_holiday_is_added_and_read_back_the_same() {
        let mut f = form();
        f.exceptions = vec![ExceptionForm {
            date: "2026-12-24".into(),
            hours: String::new(),
        }];
        let out = apply(FILE, "a", &f).unwrap();
        assert!(
            out.ends_with(
                "mon = [\"08:00-17:00\"]\nexceptions = [\n  { date = 2026-12-24, hours = [] },\n]\n"
            ),
            "{out}"
        );
        assert_eq!(read(&out, "a").unwrap().exceptions, f.exceptions);
        assert_eq!(
            apply(&out, "a", &f).unwrap(),
            out,
            "unchanged when read back"
        );
        f.exceptions[0].date = "24 dec".into();
        assert!(apply(FILE, "a", &f).unwrap_err().contains("not a date"));
    }

    const SUMMER: &str = "[services.a]\nname = \"A\"\n\n[services.a.hours]\nmon = [\"08:00-17:00\"]\n# Summer.\nperiods = [\n  { from = \"06-01\", to = \"08-31\", mon = [\"08:00-16:00\"] },\n]\n# Holidays closed.\nholidays = \"closed\"\nholiday_eve = [\"08:00-14:00\"]\n";

    #[test]
    fn periods_and_holiday_rules_are_a_form_and_change_only_their_lines() {
        let f = read(SUMMER, "a").unwrap();
        assert_eq!(f.special[0], "closed");
        assert_eq!(f.special[1], "08:00-14:00");
        assert_eq!(f.periods.len(), 1);
        assert_eq!(f.periods[0].from, "06-01");
        assert_eq!(f.periods[0].days[0], "08:00-16:00");
        assert_eq!(apply(SUMMER, "a", &f).unwrap(), SUMMER);

        let mut g = f.clone();
        g.periods[0].days[1] = "09:00-15:00".into();
        g.special[0] = "10:00-14:00".into();
        g.special[4] = "closed".into();
        let out = apply(SUMMER, "a", &g).unwrap();
        assert_eq!(
            out,
            SUMMER
                .replace(
                    "mon = [\"08:00-16:00\"] }",
                    "mon = [\"08:00-16:00\"], tue = [\"09:00-15:00\"] }"
                )
                .replace("holidays = \"closed\"", "holidays = [\"10:00-14:00\"]")
                + "new_years_eve = \"closed\"\n"
        );

        let mut h = f.clone();
        h.periods.push(PeriodForm {
            from: "12-20".into(),
            to: "01-06".into(),
            days: Default::default(),
        });
        let out = apply(SUMMER, "a", &h).unwrap();
        assert!(
            out.contains("{ from = \"06-01\", to = \"08-31\", mon = [\"08:00-16:00\"] },\n  { from = \"12-20\", to = \"01-06\" },\n]"),
            "{out}"
        );
        h.periods[1].to = "6 jan".into();
        assert!(apply(SUMMER, "a", &h).unwrap_err().contains("month-day"));

        let mut none = f.clone();
        none.periods.clear();
        let out = apply(SUMMER, "a", &none).unwrap();
        assert!(!out.contains("periods"), "{out}");
    }

    #[test]
    fn a_bad_date_is_refused() {
        let mut f = form();
        f.verified_on = "yesterday".into();
        assert!(apply(FILE, "a", &f).unwrap_err().contains("not a date"));
    }
}
