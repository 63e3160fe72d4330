//! The HTTP side of the fake Bot API: `POST /bot{token}/{method}` (GET with a query string
//! works too, as on the real server), JSON or form bodies, case-insensitive method names,
//! Telegram's error bodies and status codes, fault injection, long polling, and webhook
//! delivery.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Shared;
use super::html;
use super::state::{
    BOT_ID, BOT_USERNAME, Button, Call, ChatKind, DELETE_WINDOW_SECS, FaultKind, Kind, Message,
    PendingUpdate, Role, State, TOPIC_COLORS, Webhook, bot_user_json,
};

/// Methods the fake implements, by their lower-case name. Anything else answers 404 like
/// an unknown method on the real server, so a new call the bot starts making shows up as
/// a failing test instead of a silent success.
const METHODS: &[&str] = &[
    "getMe",
    "getUpdates",
    "getWebhookInfo",
    "setWebhook",
    "deleteWebhook",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setMyDescription",
    "getMyDescription",
    "setMyShortDescription",
    "getMyShortDescription",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
    "deleteMessage",
    "deleteMessages",
    "leaveChat",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "createForumTopic",
    "deleteForumTopic",
    "closeForumTopic",
    "reopenForumTopic",
];

/// An error as the Bot API reports it.
#[derive(Debug)]
pub struct ApiError {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u32>,
}

fn bad(description: impl Into<String>) -> ApiError {
    ApiError {
        code: 400,
        description: description.into(),
        retry_after: None,
    }
}

fn forbidden(description: &str) -> ApiError {
    ApiError {
        code: 403,
        description: description.to_string(),
        retry_after: None,
    }
}

type Answer = Result<Value, ApiError>;

fn respond(answer: &Answer) -> Response {
    match answer {
        Ok(result) => json_response(200, json!({"ok": true, "result": result})),
        Err(e) => {
            let mut body = json!({"ok": false, "error_code": e.code, "description": e.description});
            if let Some(after) = e.retry_after {
                body["parameters"] = json!({"retry_after": after});
            }
            json_response(e.code, body)
        }
    }
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub async fn handle(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let date = shared.with(|s| s.date_header.clone());
    let mut response = answer(shared, method, uri, headers, body).await;
    // The HTTP server adds the real time only when no `Date` is there yet.
    if let Some(date) = date
        && let Ok(value) = header::HeaderValue::from_str(&date)
    {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

async fn answer(
    shared: Arc<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let Some(rest) = path.strip_prefix("/bot") else {
        return respond(&Err(not_found()));
    };
    let Some((token, requested)) = rest.split_once('/') else {
        return respond(&Err(not_found()));
    };
    if token != shared.token {
        return respond(&Err(ApiError {
            code: 401,
            description: "Unauthorized".into(),
            retry_after: None,
        }));
    }
    let Some(canonical) = METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(requested))
        .copied()
    else {
        record(
            &shared,
            requested,
            requested,
            Value::Null,
            &Err(not_found()),
        );
        return respond(&Err(not_found()));
    };
    let params = match parse_params(&method, &uri, &headers, &body) {
        Ok(p) => p,
        Err(e) => {
            let answer = Err(e);
            record(&shared, canonical, requested, Value::Null, &answer);
            return respond(&answer);
        }
    };

    let fault = shared.with(|s| s.take_fault(canonical));
    match fault {
        Some(FaultKind::Delay(d)) => tokio::time::sleep(d).await,
        Some(FaultKind::TooManyRequests { retry_after }) => {
            let answer = Err(ApiError {
                code: 429,
                description: format!("Too Many Requests: retry after {retry_after}"),
                retry_after: Some(retry_after),
            });
            record(&shared, canonical, requested, params, &answer);
            return respond(&answer);
        }
        Some(FaultKind::ServerError { status }) => {
            let answer = Err(ApiError {
                code: status,
                description: "Internal Server Error".into(),
                retry_after: None,
            });
            record(&shared, canonical, requested, params, &answer);
            return respond(&answer);
        }
        Some(FaultKind::BadGatewayHtml) => {
            let answer = Err(ApiError {
                code: 502,
                description: "502 Bad Gateway (HTML)".into(),
                retry_after: None,
            });
            record(&shared, canonical, requested, params, &answer);
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                Body::from(
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                ),
            )
                .into_response();
        }
        None => {}
    }

    if canonical == "getUpdates" {
        return match get_updates(&shared, &params).await {
            Ok(batch) => {
                record(&shared, canonical, requested, params, &Ok(Value::Null));
                // Written out by hand, so that updates given as raw text go out as they are.
                let bodies: Vec<String> = batch.iter().map(PendingUpdate::body).collect();
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    format!(r#"{{"ok":true,"result":[{}]}}"#, bodies.join(",")),
                )
                    .into_response()
            }
            Err(e) => {
                let answer = Err(e);
                record(&shared, canonical, requested, params, &answer);
                respond(&answer)
            }
        };
    }
    // The call is recorded under the same lock as its effect, so that a test never sees
    // a message without the call that sent it.
    let answer = shared.with(|s| {
        let answer = call(s, canonical, &params);
        push_call(s, canonical, requested, params, &answer);
        answer
    });
    respond(&answer)
}

fn not_found() -> ApiError {
    ApiError {
        code: 404,
        description: "Not Found".into(),
        retry_after: None,
    }
}

fn record(shared: &Shared, method: &str, requested: &str, params: Value, answer: &Answer) {
    shared.with(|s| push_call(s, method, requested, params, answer));
}

fn push_call(s: &mut State, method: &str, requested: &str, params: Value, answer: &Answer) {
    s.calls.push(Call {
        method: method.to_string(),
        requested_as: requested.to_string(),
        params,
        status: answer.as_ref().map_or_else(|e| e.code, |_| 200),
        description: answer.as_ref().err().map(|e| e.description.clone()),
        at: s.elapsed(),
    });
}

/// Parameters from the query string and a JSON or form body, as one JSON object.
fn parse_params(method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Answer {
    let mut params = serde_json::Map::new();
    if let Some(query) = uri.query() {
        for (k, v) in form_decode(query) {
            params.insert(k, Value::String(v));
        }
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !body.is_empty() && *method == Method::POST {
        if content_type.starts_with("application/json") {
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => params.extend(map),
                Ok(_) => return Err(bad("Bad Request: parameters must be a JSON object")),
                Err(_) => return Err(bad("Bad Request: can't parse JSON object")),
            }
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            let text = String::from_utf8_lossy(body);
            for (k, v) in form_decode(&text) {
                params.insert(k, Value::String(v));
            }
        } else if content_type.starts_with("multipart/form-data") {
            // teloxide sends methods that may carry a file (setWebhook) as multipart.
            let Some(boundary) = content_type
                .split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
            else {
                return Err(bad("Bad Request: multipart body without a boundary"));
            };
            for (k, v) in multipart_decode(body, boundary.trim_matches('"')) {
                params.insert(k, Value::String(v));
            }
        } else {
            return Err(bad(format!(
                "Bad Request: the fake Bot API does not read '{content_type}' bodies"
            )));
        }
    }
    Ok(Value::Object(params))
}

fn form_decode(input: &str) -> Vec<(String, String)> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => match (
                    bytes.get(i + 1).and_then(|&b| hex(b)),
                    bytes.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi * 16 + lo);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                },
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    input
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The text fields of a `multipart/form-data` body (file parts are not expected).
fn multipart_decode(body: &[u8], boundary: &str) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    text.split(delimiter.as_str())
        .filter_map(|part| {
            let part = part.strip_prefix("\r\n")?;
            let (head, content) = part.split_once("\r\n\r\n")?;
            let name = head.lines().find_map(|line| {
                let lower = line.to_ascii_lowercase();
                lower.starts_with("content-disposition:").then(|| {
                    line.split(';')
                        .find_map(|p| p.trim().strip_prefix("name="))
                        .map(|n| n.trim_matches('"').to_string())
                })?
            })?;
            let content = content.strip_suffix("\r\n").unwrap_or(content);
            Some((name, content.to_string()))
        })
        .collect()
}

/// A parameter that may arrive as a JSON value or, from a form, as a string of JSON.
fn param<'a>(params: &'a Value, name: &str) -> Option<std::borrow::Cow<'a, Value>> {
    match params.get(name)? {
        Value::Null => None,
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(v) if !v.is_string() => Some(std::borrow::Cow::Owned(v)),
            _ => Some(std::borrow::Cow::Owned(Value::String(s.clone()))),
        },
        v => Some(std::borrow::Cow::Borrowed(v)),
    }
}

fn int(params: &Value, name: &str) -> Option<i64> {
    let v = param(params, name)?;
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn string(params: &Value, name: &str) -> Option<String> {
    match params.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn boolean(params: &Value, name: &str) -> bool {
    param(params, name).is_some_and(|v| v.as_bool() == Some(true))
}

fn required_chat(state: &State, params: &Value) -> Result<i64, ApiError> {
    match int(params, "chat_id") {
        Some(id) if state.chats.contains_key(&id) => Ok(id),
        Some(_) => Err(bad("Bad Request: chat not found")),
        None => Err(bad("Bad Request: chat_id is empty")),
    }
}

fn call(s: &mut State, method: &str, params: &Value) -> Answer {
    match method {
        "getMe" => Ok(get_me()),
        "getWebhookInfo" => Ok(webhook_info(s)),
        "setWebhook" => set_webhook(s, params),
        "deleteWebhook" => {
            s.webhook = None;
            if boolean(params, "drop_pending_updates") {
                s.updates.clear();
            }
            Ok(json!(true))
        }
        "setMyCommands" => set_my_commands(s, params),
        "getMyCommands" => {
            let key = commands_key(params);
            let list = s.commands.get(&key).cloned().unwrap_or_default();
            Ok(Value::Array(
                list.into_iter()
                    .map(|(c, d)| json!({"command": c, "description": d}))
                    .collect(),
            ))
        }
        "deleteMyCommands" => {
            let key = commands_key(params);
            s.commands.remove(&key);
            Ok(json!(true))
        }
        "setMyDescription" => set_profile(s, params, "description", 512),
        "setMyShortDescription" => set_profile(s, params, "short_description", 120),
        "getMyDescription" => Ok(json!({"description": profile_text(s, params, "description")})),
        "getMyShortDescription" => {
            Ok(json!({"short_description": profile_text(s, params, "short_description")}))
        }
        "sendMessage" => send_message(s, params),
        "editMessageText" => edit_message(s, params, true),
        "editMessageReplyMarkup" => edit_message(s, params, false),
        "answerCallbackQuery" => answer_callback(s, params),
        "deleteMessage" => {
            let chat = required_chat(s, params)?;
            let id = int(params, "message_id")
                .ok_or_else(|| bad("Bad Request: message identifier is not specified"))?;
            delete_one(s, chat, id)?;
            Ok(json!(true))
        }
        "deleteMessages" => delete_many(s, params),
        "leaveChat" => {
            let chat = required_chat(s, params)?;
            let Some(c) = s.chats.get_mut(&chat) else {
                return Err(bad("Bad Request: chat not found"));
            };
            if c.is_private() {
                return Err(bad(
                    "Bad Request: chat member status can't be changed in private chats",
                ));
            }
            c.bot_member = false;
            Ok(json!(true))
        }
        "getChat" => get_chat(s, params),
        "getChatMember" => get_chat_member(s, params),
        "getChatAdministrators" => get_chat_administrators(s, params),
        "createForumTopic" => create_forum_topic(s, params),
        "deleteForumTopic" => delete_forum_topic(s, params),
        "closeForumTopic" => close_forum_topic(s, params, true),
        "reopenForumTopic" => close_forum_topic(s, params, false),
        other => Err(bad(format!("Bad Request: method {other} is not served"))),
    }
}

fn get_me() -> Value {
    let mut me = bot_user_json();
    me["can_join_groups"] = json!(false);
    me["can_read_all_group_messages"] = json!(false);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    debug_assert_eq!(me["id"], json!(BOT_ID));
    debug_assert_eq!(me["username"], json!(BOT_USERNAME));
    me
}

fn webhook_info(s: &State) -> Value {
    let pending = s.updates.iter().filter(|u| s.admits(u)).count();
    let mut v = json!({
        "url": s.webhook.as_ref().map_or("", |w| w.url.as_str()),
        "has_custom_certificate": false,
        "pending_update_count": pending,
    });
    if let Some(w) = &s.webhook {
        v["max_connections"] = json!(w.max_connections);
        if let Some(e) = &w.last_error {
            v["last_error_date"] = json!(s.clock);
            v["last_error_message"] = json!(e);
        }
        if let Some(allowed) = &s.allowed_updates {
            v["allowed_updates"] = json!(allowed);
        }
    }
    v
}

fn set_webhook(s: &mut State, params: &Value) -> Answer {
    let url = string(params, "url").unwrap_or_default();
    if url.is_empty() {
        s.webhook = None;
        return Ok(json!(true));
    }
    // The real server wants HTTPS on ports 443, 80, 88 or 8443; a local Bot API server
    // takes any URL, and so does the fake, which delivers to a loopback port.
    if !(url.starts_with("http://127.0.0.1:") || url.starts_with("https://")) {
        return Err(bad(
            "Bad Request: bad webhook: HTTPS url must be provided for webhook",
        ));
    }
    let secret = string(params, "secret_token");
    if let Some(secret) = &secret {
        let valid = (1..=256).contains(&secret.len())
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(bad(
                "Bad Request: secret token contains unallowed characters",
            ));
        }
    }
    if let Some(allowed) = param(params, "allowed_updates") {
        s.allowed_updates = allowed.as_array().map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        });
    }
    if boolean(params, "drop_pending_updates") {
        s.updates.clear();
    }
    let max_connections = int(params, "max_connections").unwrap_or(40).clamp(1, 100) as u32;
    s.webhook = Some(Webhook {
        url,
        secret_token: secret,
        max_connections,
        last_error: None,
    });
    Ok(json!(true))
}

fn commands_key(params: &Value) -> (String, String) {
    let scope = param(params, "scope")
        .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| "default".to_string());
    let lang = string(params, "language_code").unwrap_or_default();
    (scope, lang)
}

fn set_my_commands(s: &mut State, params: &Value) -> Answer {
    let Some(list) = param(params, "commands") else {
        return Err(bad("Bad Request: parameter \"commands\" is required"));
    };
    let Some(list) = list.as_array() else {
        return Err(bad("Bad Request: can't parse commands JSON object"));
    };
    if list.len() > 100 {
        return Err(bad("Bad Request: too many commands specified"));
    }
    let mut commands = Vec::new();
    for item in list {
        let command = item.get("command").and_then(Value::as_str).unwrap_or("");
        let description = item
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        let command_ok = (1..=32).contains(&command.len())
            && command
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !command_ok {
            return Err(bad("Bad Request: BOT_COMMAND_INVALID"));
        }
        if !(1..=256).contains(&description.chars().count()) {
            return Err(bad("Bad Request: command description is empty or too long"));
        }
        commands.push((command.to_string(), description.to_string()));
    }
    let (scope, lang) = commands_key(params);
    if !(lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()))) {
        return Err(bad("Bad Request: invalid language code specified"));
    }
    s.commands.insert((scope, lang), commands);
    Ok(json!(true))
}

/// A language code as the Bot API takes it: empty, or two lower-case letters.
fn language_code(params: &Value) -> Result<String, ApiError> {
    let lang = string(params, "language_code").unwrap_or_default();
    if lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())) {
        Ok(lang)
    } else {
        Err(bad("Bad Request: invalid language code specified"))
    }
}

/// `setMyDescription` and `setMyShortDescription`: at most `max` characters; an empty or
/// missing text removes the one for that language.
fn set_profile(s: &mut State, params: &Value, field: &str, max: usize) -> Answer {
    let lang = language_code(params)?;
    let text = string(params, field).unwrap_or_default();
    if text.chars().count() > max {
        return Err(bad(format!(
            "Bad Request: {} is too long",
            field.replace('_', " ")
        )));
    }
    let key = (field.to_string(), lang);
    if text.is_empty() {
        s.profile.remove(&key);
    } else {
        s.profile.insert(key, text);
    }
    Ok(json!(true))
}

/// What `getMyDescription` answers for a language: its own text, or "" (the real server
/// does not fall back to the default one here either).
fn profile_text(s: &State, params: &Value, field: &str) -> String {
    let lang = string(params, "language_code").unwrap_or_default();
    s.profile
        .get(&(field.to_string(), lang))
        .cloned()
        .unwrap_or_default()
}

/// The text a person would see, or the error the real server gives.
fn visible_text(params: &Value) -> Result<(String, String, Option<String>), ApiError> {
    let Some(raw) = string(params, "text") else {
        return Err(bad("Bad Request: message text is empty"));
    };
    let parse_mode = string(params, "parse_mode");
    let text = match parse_mode.as_deref() {
        None | Some("") => raw.clone(),
        Some(m) if m.eq_ignore_ascii_case("html") => html::parse(&raw).map_err(bad)?,
        Some(other) => {
            return Err(bad(format!(
                "Bad Request: the fake Bot API does not parse '{other}'"
            )));
        }
    };
    if text.trim().is_empty() {
        return Err(bad("Bad Request: message text is empty"));
    }
    // Telegram counts the limit in UTF-16 code units after entities are parsed; that is
    // the stricter reading of "4096 characters", so the bot must fit it.
    if text.encode_utf16().count() > 4096 {
        return Err(bad("Bad Request: message is too long"));
    }
    Ok((text, raw, parse_mode))
}

fn keyboard(params: &Value) -> Result<Vec<Vec<Button>>, ApiError> {
    let Some(markup) = param(params, "reply_markup") else {
        return Ok(Vec::new());
    };
    let Some(rows) = markup.get("inline_keyboard").and_then(Value::as_array) else {
        return Err(bad(
            "Bad Request: the fake Bot API only knows inline keyboards",
        ));
    };
    let mut out = Vec::new();
    let mut count = 0;
    for row in rows {
        let Some(row) = row.as_array() else {
            return Err(bad("Bad Request: can't parse inline keyboard button"));
        };
        let mut buttons = Vec::new();
        for b in row {
            count += 1;
            let text = b.get("text").and_then(Value::as_str).unwrap_or("");
            if text.trim().is_empty() {
                return Err(bad("Bad Request: BUTTON_TEXT_INVALID"));
            }
            let data = b.get("callback_data").and_then(Value::as_str);
            let url = b.get("url").and_then(Value::as_str);
            if let Some(data) = data
                && !(1..=64).contains(&data.len())
            {
                return Err(bad("Bad Request: BUTTON_DATA_INVALID"));
            }
            if data.is_none() && url.is_none() {
                return Err(bad(
                    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
                ));
            }
            buttons.push(Button {
                text: text.to_string(),
                callback_data: data.map(str::to_string),
                url: url.map(str::to_string),
            });
        }
        if buttons.len() > 8 {
            return Err(bad("Bad Request: too many buttons in a row"));
        }
        out.push(buttons);
    }
    if count > 100 {
        return Err(bad("Bad Request: reply markup is too long"));
    }
    Ok(out)
}

fn can_send(s: &State, chat: i64) -> Result<(), ApiError> {
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    if c.blocked {
        return Err(forbidden("Forbidden: bot was blocked by the user"));
    }
    in_chat(s, chat)
}

/// 403 when the bot has left the group, with the words Telegram uses for its kind.
fn in_chat(s: &State, chat: i64) -> Result<(), ApiError> {
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    if c.bot_member {
        return Ok(());
    }
    Err(forbidden(match c.kind {
        ChatKind::Supergroup { .. } => "Forbidden: bot is not a member of the supergroup chat",
        ChatKind::Channel { .. } => "Forbidden: bot is not a member of the channel chat",
        _ => "Forbidden: bot is not a member of the group chat",
    }))
}

fn send_message(s: &mut State, params: &Value) -> Answer {
    let chat = required_chat(s, params)?;
    let (text, raw, parse_mode) = visible_text(params)?;
    let buttons = keyboard(params)?;
    can_send(s, chat)?;
    let thread = send_thread(s, chat, params)?;
    within_group_limit(s, chat)?;
    let message = Message {
        id: 0,
        from_bot: true,
        date: 0,
        kind: Kind::Text,
        text: Some(text),
        raw_text: parse_mode.as_ref().map(|_| raw),
        parse_mode,
        buttons,
        protect_content: boolean(params, "protect_content"),
        edited: false,
        thread,
        sent_at: Duration::ZERO,
    };
    let Some(id) = s.add_outgoing(chat, message).map(|m| m.id) else {
        return Err(bad("Bad Request: chat not found"));
    };
    Ok(s.outgoing_json(chat, id))
}

/// The forum topic a message goes into. Telegram takes `message_thread_id` only for a
/// topic that is there: in a private chat (no topic mode), a group without topics, or a
/// deleted topic it answers "message thread not found"; a closed topic takes messages
/// only from those who may manage topics.
fn send_thread(s: &State, chat: i64, params: &Value) -> Result<Option<i32>, ApiError> {
    let Some(thread) = int(params, "message_thread_id") else {
        return Ok(None);
    };
    let not_found = || bad("Bad Request: message thread not found");
    let c = s.chats.get(&chat).ok_or_else(not_found)?;
    let thread = i32::try_from(thread).map_err(|_| not_found())?;
    let topic = c
        .topic(thread)
        .filter(|t| !t.deleted)
        .ok_or_else(not_found)?;
    if topic.closed && !c.bot_rights.is_some_and(|r| r.can_manage_topics) {
        return Err(bad("Bad Request: TOPIC_CLOSED"));
    }
    Ok(Some(thread))
}

/// The per-group limit, when the test switched it on: at most `max` messages from the
/// bot in one group within `per`, on the fake's clock of calls. Beyond it, 429 with the
/// whole seconds until the oldest send in the window leaves it.
fn within_group_limit(s: &State, chat: i64) -> Result<(), ApiError> {
    let Some(limit) = s.group_limit else {
        return Ok(());
    };
    let Some(c) = s.chats.get(&chat).filter(|c| c.is_group()) else {
        return Ok(());
    };
    let max = limit.max.max(1);
    let now = s.elapsed();
    let window: Vec<Duration> = c
        .bot_sends
        .iter()
        .copied()
        .filter(|&at| now.saturating_sub(at) < limit.per)
        .collect();
    if window.len() < max {
        return Ok(());
    }
    let frees = window[window.len() - max] + limit.per;
    let wait = frees.saturating_sub(now).as_secs_f64().ceil().max(1.0) as u32;
    Err(ApiError {
        code: 429,
        description: format!("Too Many Requests: retry after {wait}"),
        retry_after: Some(wait),
    })
}

/// `getChat`: a `ChatFullInfo` with the fields Telegram always sends.
fn get_chat(s: &State, params: &Value) -> Answer {
    let chat = required_chat(s, params)?;
    in_chat(s, chat)?;
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    let mut v = c.json();
    v["accent_color_id"] = json!(0);
    v["max_reaction_count"] = json!(11);
    v["accepted_gift_types"] = json!({
        "unlimited_gifts": false,
        "limited_gifts": false,
        "unique_gifts": false,
        "premium_subscription": false,
    });
    Ok(v)
}

fn required_user(params: &Value) -> Result<i64, ApiError> {
    int(params, "user_id").ok_or_else(|| bad("Bad Request: invalid user_id specified"))
}

/// `getChatMember`: the bot's own standing (with its administrator rights), a member's,
/// or "left" for someone the fake knows who is not in the group.
fn get_chat_member(s: &State, params: &Value) -> Answer {
    let chat = required_chat(s, params)?;
    let user_id = required_user(params)?;
    in_chat(s, chat)?;
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    if user_id == BOT_ID {
        return Ok(match c.bot_rights {
            Some(rights) if c.is_group() => rights.member_json(),
            _ => json!({"status": "member", "user": bot_user_json()}),
        });
    }
    if let ChatKind::Private(user) = &c.kind {
        return if user.id == user_id {
            Ok(json!({"status": "member", "user": user.json()}))
        } else {
            Err(bad("Bad Request: user not found"))
        };
    }
    if let Some((user, role)) = c.members.get(&user_id) {
        return Ok(role.member_json(user));
    }
    match s.known_user(user_id) {
        Some(user) => Ok(json!({"status": "left", "user": user.json()})),
        None => Err(bad("Bad Request: user not found")),
    }
}

/// `getChatAdministrators`: the group's creator and administrators, the bot among them
/// when it is one.
fn get_chat_administrators(s: &State, params: &Value) -> Answer {
    let chat = required_chat(s, params)?;
    in_chat(s, chat)?;
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    if c.is_private() {
        return Err(bad(
            "Bad Request: there are no administrators in the private chat",
        ));
    }
    let mut admins: Vec<Value> = c
        .members
        .values()
        .filter(|(_, role)| matches!(role, Role::Creator | Role::Administrator))
        .map(|(user, role)| role.member_json(user))
        .collect();
    if let Some(rights) = c.bot_rights {
        admins.push(rights.member_json());
    }
    Ok(Value::Array(admins))
}

/// The chat as a forum, or TDLib's answer for a chat that is not one.
fn forum_chat(s: &State, params: &Value) -> Result<i64, ApiError> {
    let chat = required_chat(s, params)?;
    in_chat(s, chat)?;
    match s.chats.get(&chat) {
        Some(c) if c.forum.is_some() => Ok(chat),
        _ => Err(bad("Bad Request: the chat is not a forum")),
    }
}

/// The `message_thread_id` of a topic method: a positive id of a topic that is there.
fn topic_param(s: &State, chat: i64, params: &Value) -> Result<i32, ApiError> {
    let thread = int(params, "message_thread_id")
        .and_then(|t| i32::try_from(t).ok())
        .filter(|&t| t > 0)
        .ok_or_else(|| bad("Bad Request: invalid message thread identifier specified"))?;
    match s.chats.get(&chat).and_then(|c| c.topic(thread)) {
        Some(t) if !t.deleted => Ok(thread),
        _ => Err(bad("Bad Request: TOPIC_ID_INVALID")),
    }
}

/// `createForumTopic`: needs `can_manage_topics`; the name is trimmed and cut to 128
/// characters as TDLib does; without an icon colour, one of Telegram's six is taken.
fn create_forum_topic(s: &mut State, params: &Value) -> Answer {
    let chat = forum_chat(s, params)?;
    let Some(c) = s.chats.get(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    if !c.bot_rights.is_some_and(|r| r.can_manage_topics) {
        return Err(bad("Bad Request: not enough rights to create a topic"));
    }
    let name: String = string(params, "name")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(128)
        .collect();
    if name.is_empty() {
        return Err(bad("Bad Request: title must be non-empty"));
    }
    let count = c.forum.as_ref().map_or(0, |f| f.len());
    let color = match int(params, "icon_color") {
        None => TOPIC_COLORS[count % TOPIC_COLORS.len()],
        Some(c) => u32::try_from(c)
            .ok()
            .filter(|&c| c <= 0xFF_FFFF)
            .ok_or_else(|| bad("Bad Request: invalid icon color specified"))?,
    };
    let id = s.create_topic(chat, &name, color, None);
    Ok(json!({"message_thread_id": id, "name": name, "icon_color": color}))
}

/// `deleteForumTopic`: the topic and every message in it go. Needs
/// `can_delete_messages`, unless the bot opened the topic, no one else wrote in it and it
/// holds at most 11 messages.
fn delete_forum_topic(s: &mut State, params: &Value) -> Answer {
    let chat = forum_chat(s, params)?;
    let thread = topic_param(s, chat, params)?;
    let Some(c) = s.chats.get_mut(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    let may_delete = c.bot_rights.is_some_and(|r| r.can_delete_messages);
    let Some(topic) = c.forum.as_mut().and_then(|f| f.get_mut(&thread)) else {
        return Err(bad("Bad Request: TOPIC_ID_INVALID"));
    };
    if !may_delete {
        if !topic.by_bot {
            return Err(bad("Bad Request: not enough rights to delete the topic"));
        }
        if topic.has_others || topic.messages > 11 {
            return Err(bad("Bad Request: CHAT_ADMIN_REQUIRED"));
        }
    }
    topic.deleted = true;
    c.messages
        .retain(|&id, m| id != thread && m.thread != Some(thread));
    Ok(json!(true))
}

/// `closeForumTopic` and `reopenForumTopic`: need `can_manage_topics` unless the bot
/// opened the topic.
fn close_forum_topic(s: &mut State, params: &Value, close: bool) -> Answer {
    let chat = forum_chat(s, params)?;
    let thread = topic_param(s, chat, params)?;
    let Some(c) = s.chats.get_mut(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    let may_manage = c.bot_rights.is_some_and(|r| r.can_manage_topics);
    let Some(topic) = c.forum.as_mut().and_then(|f| f.get_mut(&thread)) else {
        return Err(bad("Bad Request: TOPIC_ID_INVALID"));
    };
    if !may_manage && !topic.by_bot {
        return Err(bad(
            "Bad Request: not enough rights to close or open the topic",
        ));
    }
    if topic.closed == close {
        return Err(bad("Bad Request: TOPIC_NOT_MODIFIED"));
    }
    topic.closed = close;
    Ok(json!(true))
}

fn edit_message(s: &mut State, params: &Value, with_text: bool) -> Answer {
    if params.get("inline_message_id").is_some() {
        return Err(bad("Bad Request: the fake Bot API has no inline messages"));
    }
    let chat = required_chat(s, params)?;
    let id = int(params, "message_id")
        .ok_or_else(|| bad("Bad Request: message identifier is not specified"))?;
    let text = if with_text {
        Some(visible_text(params)?)
    } else {
        None
    };
    let buttons = keyboard(params)?;
    can_send(s, chat)?;
    let id = i32::try_from(id).map_err(|_| bad("Bad Request: message to edit not found"))?;
    let Some(m) = s.chats.get_mut(&chat).and_then(|c| c.messages.get_mut(&id)) else {
        return Err(bad("Bad Request: message to edit not found"));
    };
    if !m.from_bot {
        return Err(bad("Bad Request: message can't be edited"));
    }
    let same_text = text
        .as_ref()
        .is_none_or(|(t, _, _)| m.text.as_deref() == Some(t));
    if same_text && m.buttons == buttons {
        return Err(bad(
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        ));
    }
    if let Some((text, raw, parse_mode)) = text {
        m.raw_text = parse_mode.as_ref().map(|_| raw);
        m.text = Some(text);
        m.parse_mode = parse_mode;
    }
    m.buttons = buttons;
    m.edited = true;
    Ok(s.outgoing_json(chat, id))
}

fn answer_callback(s: &mut State, params: &Value) -> Answer {
    let id = string(params, "callback_query_id").unwrap_or_default();
    let text = string(params, "text");
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(bad("Bad Request: MESSAGE_TOO_LONG"));
    }
    let now = s.elapsed();
    match s.callbacks.get_mut(&id) {
        Some(cb) if !cb.answered => {
            cb.answered = true;
            cb.answer_text = text;
            cb.answered_at = Some(now);
            Ok(json!(true))
        }
        _ => Err(bad(
            "Bad Request: query is too old and response timeout expired or query id is invalid",
        )),
    }
}

fn delete_one(s: &mut State, chat: i64, id: i64) -> Result<(), ApiError> {
    let clock = s.clock;
    let not_found = || bad("Bad Request: message to delete not found");
    let id = i32::try_from(id).map_err(|_| not_found())?;
    let Some(c) = s.chats.get_mut(&chat) else {
        return Err(bad("Bad Request: chat not found"));
    };
    let Some(m) = c.messages.get(&id) else {
        return Err(not_found());
    };
    // In a group the bot deletes others' messages only as an administrator with the
    // right, and then without the 48-hour window.
    let admin_delete = c.is_group() && c.bot_rights.is_some_and(|r| r.can_delete_messages);
    if !m.from_bot && !c.is_private() && !admin_delete {
        return Err(bad("Bad Request: message can't be deleted"));
    }
    if !admin_delete && clock - m.date >= DELETE_WINDOW_SECS {
        return Err(bad("Bad Request: message can't be deleted for everyone"));
    }
    c.messages.remove(&id);
    Ok(())
}

fn delete_many(s: &mut State, params: &Value) -> Answer {
    let chat = required_chat(s, params)?;
    let Some(ids) = param(params, "message_ids") else {
        return Err(bad("Bad Request: message identifier is not specified"));
    };
    let Some(ids) = ids.as_array() else {
        return Err(bad("Bad Request: can't parse message identifiers"));
    };
    if ids.is_empty() {
        return Err(bad("Bad Request: message identifier is not specified"));
    }
    if ids.len() > 100 {
        return Err(bad("Bad Request: too many messages to delete"));
    }
    // Like the real method, messages that cannot be found or deleted are skipped; the
    // call fails only when none of them could be deleted.
    let mut deleted = 0;
    for id in ids {
        let Some(id) = id.as_i64() else {
            return Err(bad("Bad Request: can't parse message identifiers"));
        };
        if delete_one(s, chat, id).is_ok() {
            deleted += 1;
        }
    }
    if deleted == 0 {
        return Err(bad("Bad Request: message to delete not found"));
    }
    Ok(json!(true))
}

/// Long polling: confirms updates below `offset`, then answers with what is pending or
/// waits up to `timeout` seconds for something to arrive. A newer call ends an older one
/// with 409, as on the real server.
async fn get_updates(shared: &Shared, params: &Value) -> Result<Vec<PendingUpdate>, ApiError> {
    let limit = int(params, "limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(int(params, "timeout").unwrap_or(0).clamp(0, 50) as u64);
    let offset = int(params, "offset");
    let allowed = param(params, "allowed_updates").map(|v| v.into_owned());
    let mut changes = shared.changed.subscribe();
    let generation = shared.with(|s| {
        if s.webhook.is_some() {
            return Err(ApiError {
                code: 409,
                description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first".into(),
                retry_after: None,
            });
        }
        match offset {
            Some(o) if o < 0 => {
                let keep = o.unsigned_abs() as usize;
                while s.updates.len() > keep {
                    s.updates.pop_front();
                }
            }
            Some(o) => s.updates.retain(|u| u.id >= o),
            None => {}
        }
        if let Some(allowed) = &allowed {
            s.allowed_updates = allowed.as_array().map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            });
        }
        s.poll_generation += 1;
        Ok(s.poll_generation)
    })?;
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let ready = shared.with(|s| {
            if s.poll_generation != generation {
                return Err(ApiError {
                    code: 409,
                    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running".into(),
                    retry_after: None,
                });
            }
            // Updates of kinds the bot did not ask for are dropped, as Telegram never
            // creates them.
            let allowed: Vec<bool> = s.updates.iter().map(|u| s.admits(u)).collect();
            let mut i = 0;
            s.updates.retain(|_| {
                i += 1;
                allowed[i - 1]
            });
            let batch: Vec<_> = if s.held {
                Vec::new()
            } else {
                s.updates.iter().take(limit).cloned().collect()
            };
            if !batch.is_empty() {
                s.delivered.extend(batch.iter().map(|u| u.id));
            }
            Ok(batch)
        })?;
        if !ready.is_empty() {
            return Ok(ready);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(Vec::new());
        }
        tokio::select! {
            _ = changes.changed() => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

/// Delivers pending updates to the webhook one at a time, in order, with the secret
/// header; an update leaves the queue only when the bot answered 2xx.
pub async fn deliver_webhooks(shared: Arc<Shared>) {
    let client = match reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("the fake cannot build its webhook client: {e}"),
    };
    let mut changes = shared.changed.subscribe();
    loop {
        let next = shared.with(|s| {
            let hook = s.webhook.clone()?;
            if s.held {
                return None;
            }
            while let Some(front) = s.updates.front() {
                if s.admits(front) {
                    break;
                }
                s.updates.pop_front();
            }
            let update = s.updates.front()?.clone();
            Some((hook, update))
        });
        let Some((hook, update)) = next else {
            if changes.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut request = client
            .post(&hook.url)
            .header(header::CONTENT_TYPE, "application/json")
            .body(update.body());
        if let Some(secret) = &hook.secret_token {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let result = request.send().await;
        let delivered = matches!(&result, Ok(r) if r.status().is_success());
        shared.with(|s| {
            if delivered {
                s.delivered.push(update.id);
                if s.updates.front().is_some_and(|u| u.id == update.id) {
                    s.updates.pop_front();
                }
                if let Some(w) = &mut s.webhook {
                    w.last_error = None;
                }
            } else if let Some(w) = &mut s.webhook {
                w.last_error = Some(match &result {
                    Ok(r) => format!("Wrong response from the webhook: {}", r.status()),
                    Err(_) => "Connection refused".to_string(),
                });
            }
        });
        if !delivered {
            // Telegram backs off for longer; the fake keeps tests quick.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
