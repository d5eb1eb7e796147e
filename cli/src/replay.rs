//! `trustlabel replay`: feeds images to a live scan session, in order, as if they were camera
//! frames, and prints each event. How camera behaviour is reproduced without a phone.
//!
//! Frame `i` gets the timestamp `i * --interval-ms`. Each frame is handled to the end (its
//! decode, and its check if it starts one) before the next is pushed, so a replay prints the
//! same events every time.
//!
//! `--json`: one object per event, `{"event": "searching" | "code_seen" | "checking" |
//! "result" | "failed" | "cancelled", "frame": <file>, ...}`; a result carries the same keys
//! as `trustlabel scan --json` (`outcome`, `reason`, ..., `summary`).

use crate::error::{Error, Exit, Result};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Args, ValueEnum};
use trustlabel_core::scanner::Scanner;
use trustlabel_core::session::{ScanMode, Session, SessionConfig, SessionEvent};
use trustlabel_decode::LumaFrame;
use trustlabel_words::{ui_text, UiText};

use crate::options::{read, ScanOptions};
use crate::output::{json_line, printable, render, write_line, Printer};
use crate::progress::Progress;

#[derive(Args, Clone, Debug)]
pub struct ReplayOptions {
    /// Image files (PNG, JPEG, WebP) or folders of them (read in name order).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// shopper: stop at the first result; shelf: keep going, one result per label.
    #[arg(long, value_enum, default_value = "shopper")]
    pub mode: Mode,
    /// Time between two frames, in milliseconds (33: 30 frames a second).
    #[arg(long, value_name = "MS", default_value_t = 33)]
    pub interval_ms: u64,
    /// A label seen again within this many milliseconds is not looked up again.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub repeat_window_ms: u64,
    #[command(flatten)]
    pub scan: ScanOptions,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Shopper,
    Shelf,
}

pub async fn run(options: &ReplayOptions) -> Result<Exit> {
    let files = collect_inputs(&options.inputs)?;
    let scan = &options.scan;
    let config = scan.scanner_config(Some(scan.data_dir()))?;
    let scanner = Arc::new(Scanner::open(config)?);
    let printer = Printer::new(scan.json, &scan.lang);
    printer.store_notice(scanner.open_state());

    let mut session_config = SessionConfig::new(
        match options.mode {
            Mode::Shopper => ScanMode::Shopper,
            Mode::Shelf => ScanMode::Shelf,
        },
        &scan.lang,
    );
    session_config.offline = scan.offline;
    session_config.repeat_window = Duration::from_millis(options.repeat_window_ms);
    session_config.runtime = Some(tokio::runtime::Handle::current());
    // The frame being handled; `None` before the first (the session's opening Searching).
    let current_frame: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    // The worst exit so far: a check that failed is an error, a result that did not verify
    // is "not verified".
    let exit = Arc::new(Mutex::new(Exit::Ok));
    let listener = {
        let frame = current_frame.clone();
        let exit = exit.clone();
        let printer = EventPrinter {
            printer: Printer::new(scan.json, &scan.lang),
            json: scan.json,
            lang: scan.lang.clone(),
        };
        move |event: SessionEvent| {
            let this = match &event {
                SessionEvent::Failed { .. } => Exit::Error,
                SessionEvent::Result { result, .. } => Exit::of(&result.outcome),
                _ => Exit::Ok,
            };
            let mut worst = exit.lock().unwrap_or_else(|e| e.into_inner());
            *worst = worst.worst(this);
            drop(worst);
            let frame = frame.lock().unwrap_or_else(|e| e.into_inner()).clone();
            print_event(&printer, frame.as_deref(), &event);
        }
    };
    let session = Session::start(scanner, session_config, Arc::new(listener));
    let progress = if scan.json || files.len() < 2 {
        Progress::new("", 0).hidden()
    } else {
        Progress::new("Replaying", files.len() as u64)
    };
    // Blocking work (decoding, waiting for a check) runs off the runtime's own threads.
    let outcome = tokio::task::block_in_place(|| {
        for (index, file) in files.iter().enumerate() {
            progress.step(&crate::files::shown(file));
            let frame = load_luma(file)?;
            *current_frame.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(file.display().to_string());
            session.push_frame(&frame.view(), index as u64 * options.interval_ms);
            session.wait_idle();
        }
        session.close();
        Ok::<(), Error>(())
    });
    progress.finish();
    outcome?;
    let exit = *exit.lock().unwrap_or_else(|e| e.into_inner());
    Ok(exit)
}

struct Luma {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl Luma {
    fn view(&self) -> LumaFrame<'_> {
        LumaFrame {
            width: self.width,
            height: self.height,
            stride: self.width,
            data: &self.data,
        }
    }
}

/// An image file's luma plane, as a camera would hand it over.
fn load_luma(path: &std::path::Path) -> Result<Luma> {
    let bytes = read(path)?;
    let image = image::load_from_memory(&bytes)
        .map_err(|e| {
            Error::File(format!(
                "could not read {} as an image: {e}",
                crate::files::shown(path)
            ))
        })?
        .to_luma8();
    let (width, height) = image.dimensions();
    Ok(Luma {
        width,
        height,
        data: image.into_raw(),
    })
}

struct EventPrinter {
    printer: Printer,
    json: bool,
    lang: String,
}

/// The files to replay: each file as given, each folder's images in name order.
fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            crate::decode::collect_images(input, &mut files)?;
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(Error::File(format!(
                "{} is not a file or folder",
                crate::files::shown(input)
            )));
        }
    }
    if files.is_empty() {
        return Err(Error::File("no PNG, JPEG or WebP images were found".into()));
    }
    Ok(files)
}

/// One event as one JSON object: `event`, `frame`, and the event's own members (a result's
/// are those of `scan --json`).
fn event_json(name: &str, frame: Option<&str>, event: &SessionEvent) -> String {
    match event {
        SessionEvent::Result {
            result, summary, ..
        } => {
            let head = serde_json::json!({ "event": name, "frame": frame }).to_string();
            let body = json_line(result, summary);
            match (head.strip_suffix('}'), body.strip_prefix('{')) {
                (Some(head), Some(body)) => format!("{head},{body}"),
                _ => head,
            }
        }
        SessionEvent::Failed {
            error,
            summary,
            announcement,
        } => serde_json::json!({
            "event": name,
            "frame": frame,
            "outcome": null,
            "error": error.to_string(),
            "text": announcement.text,
            "spoken": announcement.spoken,
            "summary": summary,
        })
        .to_string(),
        SessionEvent::Searching { words } | SessionEvent::Cancelled { words } => {
            serde_json::json!({
                "event": name, "frame": frame, "text": words.text, "spoken": words.spoken,
            })
            .to_string()
        }
        SessionEvent::CodeSeen { guidance, words } => serde_json::json!({
            "event": name,
            "frame": frame,
            "guidance": guidance.code(),
            "text": words.text,
            "spoken": words.spoken,
        })
        .to_string(),
        SessionEvent::Checking { text, words } => serde_json::json!({
            "event": name,
            "frame": frame,
            "qr_text": text,
            "text": words.text,
            "spoken": words.spoken,
        })
        .to_string(),
    }
}

fn print_event(out: &EventPrinter, frame: Option<&str>, event: &SessionEvent) {
    let name = event.code();
    if out.json {
        crate::output::write_json(&event_json(name, frame, event));
        return;
    }
    let frame = frame.unwrap_or("start");
    let frame = printable(frame);
    let frame = frame.as_ref();
    match event {
        SessionEvent::Result { result, .. } => {
            write_line(&format!("{frame}: {name}"));
            out.printer.result(result);
        }
        SessionEvent::Failed { error, summary, .. } => {
            write_line(&format!("{frame}: {name}"));
            let details = (ui_text(UiText::Details, &out.lang), error.to_string());
            write_line(&render(summary, None, Some(details), 100));
        }
        SessionEvent::Searching { words }
        | SessionEvent::Cancelled { words }
        | SessionEvent::CodeSeen { words, .. } => {
            write_line(&format!("{frame}: {name}: {}", words.text));
        }
        SessionEvent::Checking { text, words } => {
            write_line(&format!(
                "{frame}: {name}: {} {}",
                words.text,
                printable(text)
            ));
        }
    }
}
