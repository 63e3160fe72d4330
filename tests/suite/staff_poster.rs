//! `signpost poster`: a QR code for every deep link, as SVG and PNG; each PNG is read
//! back with a QR decoder and must give the link written under it.

use std::path::Path;
use std::process::Command;

use signpost::staff::poster::{self, Poster};

const FLOWS: &str = "tests/fixtures/staff/poster/flows";
const LOCALES: &str = "tests/fixtures/staff/poster/locales";

/// The text a QR decoder reads from a greyscale or colour PNG.
fn decode(png_bytes: &[u8]) -> Vec<String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[(y * w + x) * channels]);
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("a readable code").1)
        .collect()
}

#[test]
fn every_deep_link_gets_a_code_that_reads_back_as_its_link() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args([
            "poster",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--bot",
            "@signpost_test_bot",
        ])
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("signpost runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("https://t.me/signpost_test_bot?start=card_sv-2: flow \"card\", in sv")
    );

    for code in ["card", "card_sv-2"] {
        let url = format!("https://t.me/signpost_test_bot?start={code}");
        let png = std::fs::read(dir.path().join(format!("{code}.png"))).expect("PNG written");
        assert_eq!(decode(&png), vec![url.clone()], "{code}.png");
        let svg =
            std::fs::read_to_string(dir.path().join(format!("{code}.svg"))).expect("SVG written");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            svg.contains(&format!(">{url}</text>")),
            "{code}.svg lacks its link"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["card.png", "card.svg", "card_sv-2.png", "card_sv-2.svg"]
    );
}

#[test]
fn a_set_with_errors_gets_no_posters() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["poster", "--bot", "signpost_test_bot"])
        .args(["--flows", "tests/fixtures/staff/set/flows"])
        .args(["--locales", "tests/fixtures/staff/set/locales"])
        .arg("--out")
        .arg(dir.path().join("posters"))
        .output()
        .expect("signpost runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no posters made: fix what signpost check reports first"));
    assert!(!Path::new(&dir.path().join("posters")).exists());
}

#[test]
fn a_name_that_is_not_a_bot_username_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args([
            "poster",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--bot",
            "not a bot",
        ])
        .output()
        .expect("signpost runs");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("\"not a bot\" is not a Telegram bot username")
    );
}

#[test]
fn a_longest_link_still_fits_and_reads_back() {
    // The longest bot name and the longest code the flow format allows.
    let url = poster::link(&"b".repeat(32), &"c".repeat(64));
    let code = Poster::new(&url).expect("fits in a QR code");
    assert_eq!(decode(&code.png().expect("PNG")), vec![url]);
}
