//! A service's opening hours written back: the usual week, the yearly periods, the
//! dated exceptions and the rules of holidays, each row changed in place so that an
//! unchanged one keeps its line.

use toml_edit::{Array, InlineTable, Item, TableLike, Value};

use super::*;

/// `always`, the weekdays of the usual week, the yearly periods, the dated exceptions
/// and the rules for holidays and the days before them.
pub(super) fn hours(service: &mut dyn TableLike, form: &ServiceForm) -> Result<(), String> {
    let empty = !form.always
        && form.days.iter().all(|d| d.trim().is_empty())
        && form.special.iter().all(|d| d.trim().is_empty())
        && form.periods.is_empty()
        && form.exceptions.is_empty();
    if service.get("hours").is_none() {
        if empty {
            return Ok(());
        }
        service.insert("hours", Item::Table(toml_edit::Table::new()));
    }
    let Some(hours) = service.get_mut("hours").and_then(Item::as_table_like_mut) else {
        return Ok(());
    };
    if form.as_written.is_none() {
        periods(hours, &form.periods)?;
        exceptions(hours, &form.exceptions)?;
    }
    for (key, typed) in SPECIAL_DAYS.iter().zip(&form.special) {
        set_rule(hours, key, typed.trim());
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
        set_list(hours, day, &times(periods));
    }
    Ok(())
}

/// A special day's rule: left out (empty), `"closed"`, or a list of times; a changed
/// rule keeps its place and the comments around it.
pub(super) fn set_rule(hours: &mut dyn TableLike, key: &str, typed: &str) {
    if typed.is_empty() {
        hours.remove(key);
        return;
    }
    let new = if typed.eq_ignore_ascii_case("closed") {
        Value::from("closed")
    } else {
        Value::Array(times(typed).iter().map(String::as_str).collect())
    };
    let same = |old: &Value| match (old, &new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Array(_), Value::Array(_)) => value_list(Some(old)) == value_list(Some(&new)),
        _ => false,
    };
    match hours.get_mut(key) {
        Some(Item::Value(old)) if same(old) => {}
        Some(Item::Value(old)) => replace(old, new),
        _ => {
            hours.insert(key, Item::Value(new));
        }
    }
}

/// After a key was added to an inline table: the space before its closing brace
/// follows the last value, not one in the middle (`{ a = 1, b = 2 }`).
pub(super) fn tidy(table: &mut InlineTable) {
    let n = table.len();
    for (i, (_, value)) in table.iter_mut().enumerate() {
        let blank = value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .is_none_or(|s| s.trim().is_empty());
        if blank {
            value
                .decor_mut()
                .set_suffix(if i + 1 == n { " " } else { "" });
        }
    }
}

/// The array of inline tables at `key`, made when missing and wanted; each entry is
/// then changed in place, so an unchanged one keeps its line.
pub(super) fn rows<'h>(
    hours: &'h mut dyn TableLike,
    key: &str,
    wanted: usize,
) -> Option<&'h mut Array> {
    if hours.get(key).is_none() {
        if wanted == 0 {
            return None;
        }
        let mut array = Array::new();
        array.set_trailing_comma(true);
        array.set_trailing("\n");
        hours.insert(key, toml_edit::value(array));
    }
    let array = hours.get_mut(key).and_then(Item::as_array_mut)?;
    while array.len() > wanted {
        array.remove(array.len() - 1);
    }
    Some(array)
}

/// A new row laid out as the last one, or on a line of its own.
pub(super) fn push_row(array: &mut Array, table: InlineTable) {
    let mut value = Value::InlineTable(table);
    match array.iter().last() {
        Some(last) => *value.decor_mut() = last.decor().clone(),
        None => value.decor_mut().set_prefix("\n  "),
    }
    array.push_formatted(value);
}

pub(super) fn periods(hours: &mut dyn TableLike, new: &[PeriodForm]) -> Result<(), String> {
    let new: Vec<&PeriodForm> = new
        .iter()
        .filter(|p| {
            !(p.from.trim().is_empty()
                && p.to.trim().is_empty()
                && p.days.iter().all(|d| d.trim().is_empty()))
        })
        .collect();
    for p in &new {
        for (what, day) in [("from", &p.from), ("to", &p.to)] {
            if !is_month_day(day.trim()) {
                return Err(format!(
                    "a period's \"{what}\" day is \"{}\"; write it as month-day, such as 06-01",
                    day.trim()
                ));
            }
        }
    }
    let empty = new.is_empty();
    let Some(array) = rows(hours, "periods", new.len()) else {
        return Ok(());
    };
    for (i, p) in new.iter().enumerate() {
        let fill = |table: &mut dyn TableLike| {
            set_str(table, "from", &p.from);
            set_str(table, "to", &p.to);
            for (day, typed) in WEEKDAYS.iter().zip(&p.days) {
                set_list(table, day, &times(typed));
            }
        };
        match array.get_mut(i).and_then(Value::as_inline_table_mut) {
            Some(table) => {
                let before = table.to_string();
                fill(table);
                if table.to_string() != before {
                    tidy(table);
                }
            }
            None => {
                let mut table = InlineTable::new();
                fill(&mut table);
                push_row(array, table);
            }
        }
    }
    if empty {
        hours.remove("periods");
    }
    Ok(())
}

pub(super) fn exceptions(hours: &mut dyn TableLike, new: &[ExceptionForm]) -> Result<(), String> {
    let new: Vec<&ExceptionForm> = new.iter().filter(|e| !e.date.trim().is_empty()).collect();
    let empty = new.is_empty();
    let Some(array) = rows(hours, "exceptions", new.len()) else {
        return Ok(());
    };
    for (i, e) in new.iter().enumerate() {
        let fill = |table: &mut dyn TableLike| -> Result<(), String> {
            set_date(table, "date", &e.date)?;
            // An empty list is kept: it is what says "closed that day".
            let hours = times(&e.hours);
            if value_list(table.get("hours").and_then(Item::as_value)) != hours
                || table.get("hours").is_none()
            {
                let list: Array = hours.iter().map(String::as_str).collect();
                match table.get_mut("hours") {
                    Some(Item::Value(old)) => replace(old, Value::Array(list)),
                    _ => {
                        table.insert("hours", toml_edit::value(list));
                    }
                }
            }
            Ok(())
        };
        match array.get_mut(i).and_then(Value::as_inline_table_mut) {
            Some(table) => {
                let before = table.to_string();
                fill(table)?;
                if table.to_string() != before {
                    tidy(table);
                }
            }
            None => {
                let mut table = InlineTable::new();
                fill(&mut table)?;
                push_row(array, table);
            }
        }
    }
    if empty {
        hours.remove("exceptions");
    }
    Ok(())
}

/// `MM-DD`, as `periods` take it (whether the day exists is `check`'s to say).
pub(super) fn is_month_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 5 && b[2] == b'-' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
}
