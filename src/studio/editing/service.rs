//! A service card's facts written back into its TOML file with `toml_edit`, which keeps
//! every comment and the layout: a value that did not change is not touched, one that
//! did keeps the spacing and comments around it.

use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike, Value};

/// The weekdays of an `[hours]` table, in order.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// What the service form posts. Empty text means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceForm {
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
    /// The yearly periods (summer hours) and the dated exceptions (holidays), each as
    /// its TOML list, as written: `[{ from = "06-01", to = "08-31", mon = [...] }]`,
    /// `[{ date = 2026-12-24, hours = [] }]`.
    pub periods: String,
    pub exceptions: String,
}

/// The form as the file now fills it (`None` when the service is not in it).
pub fn read(text: &str, id: &str) -> Option<ServiceForm> {
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
        periods: raw(hours.and_then(|h| h.get("periods"))),
        exceptions: raw(hours.and_then(|h| h.get("exceptions"))),
    })
}

/// A value as written in the file, without the spacing and comments around it.
fn raw(item: Option<&Item>) -> String {
    item.and_then(Item::as_value)
        .map(|v| {
            let mut v = v.clone();
            v.decor_mut().clear();
            v.to_string().trim().to_string()
        })
        .unwrap_or_default()
}

/// `text` (a services or area file) with service `id`'s facts set to `form`.
pub fn apply(text: &str, id: &str, form: &ServiceForm) -> Result<String, String> {
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

/// `always` and the weekdays of the usual week; periods and exceptions are kept as
/// they are.
fn hours(service: &mut dyn TableLike, form: &ServiceForm) -> Result<(), String> {
    let empty = !form.always
        && form.days.iter().all(|d| d.trim().is_empty())
        && form.periods.trim().is_empty()
        && form.exceptions.trim().is_empty();
    if service.get("hours").is_none() {
        if empty {
            return Ok(());
        }
        service.insert("hours", Item::Table(toml_edit::Table::new()));
    }
    let Some(hours) = service.get_mut("hours").and_then(Item::as_table_like_mut) else {
        return Ok(());
    };
    for (key, new) in [("periods", &form.periods), ("exceptions", &form.exceptions)] {
        // A browser sends a text area's lines ended by CR LF.
        let new = new.replace("\r\n", "\n");
        let new = new.trim();
        if raw(hours.get(key)) == new {
            continue;
        }
        if new.is_empty() {
            hours.remove(key);
            continue;
        }
        let value: Value = new
            .parse()
            .map_err(|e| format!("{key}: not a TOML list as in the file ({e})"))?;
        match hours.get_mut(key) {
            Some(Item::Value(old)) => replace(old, value),
            _ => {
                hours.insert(key, Item::Value(value));
            }
        }
    }
    let always_now = hours.get("always").and_then(Item::as_bool).unwrap_or(false);
    if form.always != always_now {
        if form.always {
            hours.insert("always", toml_edit::value(true));
        } else {
            hours.remove("always");
        }
    }
    for (day, periods) in WEEKDAYS.iter().zip(&form.days) {
        let periods: Vec<String> = periods
            .split([',', ';'])
            .map(|p| p.trim().replace(' ', ""))
            .filter(|p| !p.is_empty())
            .collect();
        set_list(hours, day, &periods);
    }
    Ok(())
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
    fn a_holiday_is_added_and_kept_as_written() {
        let mut f = form();
        f.exceptions = "[{ date = 2026-12-24, hours = [] }]".into();
        let out = apply(FILE, "a", &f).unwrap();
        assert!(
            out.ends_with(
                "mon = [\"08:00-17:00\"]\nexceptions = [{ date = 2026-12-24, hours = [] }]\n"
            ),
            "{out}"
        );
        assert_eq!(read(&out, "a").unwrap().exceptions, f.exceptions);
        assert_eq!(
            apply(&out, "a", &f).unwrap(),
            out,
            "unchanged when read back"
        );
        f.exceptions = "[{ date = ".into();
        assert!(
            apply(FILE, "a", &f)
                .unwrap_err()
                .contains("not a TOML list")
        );
    }

    #[test]
    fn a_bad_date_is_refused() {
        let mut f = form();
        f.verified_on = "yesterday".into();
        assert!(apply(FILE, "a", &f).unwrap_err().contains("not a date"));
    }
}
