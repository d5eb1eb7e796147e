//! Reading files and folders given on the command line: only regular files, up to
//! [`MAX_FILE_BYTES`], and folders walked without following links to folders (a link to `.`
//! would make the walk endless, one to `/` would read the whole disk). Every path refused
//! gets one sentence saying why.

use std::io::Read;
use std::path::{Path, PathBuf};

use trustlabel_protocol::Untrusted;

use crate::error::Error;

/// The largest file read: a photo is a few megabytes, a pack at most 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The photo files the folder commands read.
pub const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// A path as it may be printed: control and bidirectional characters replaced.
pub fn shown(path: &Path) -> String {
    Untrusted::path(path).terminal().into_owned()
}

/// Why `path` is not a regular file, when it is not one (`metadata` follows links).
fn not_regular(path: &Path, meta: &std::fs::Metadata) -> String {
    let what = if meta.is_dir() {
        "a folder"
    } else {
        "a device, pipe or socket"
    };
    match std::fs::read_link(path) {
        Ok(target) => format!(
            "{} is a link to {} ({what}), not a regular file: not read",
            shown(path),
            shown(&target)
        ),
        Err(_) => format!("{} is {what}, not a regular file: not read", shown(path)),
    }
}

fn too_large(path: &Path, size: u64) -> String {
    format!(
        "{} is {size} bytes, more than the {} MiB a file may have: not read",
        shown(path),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// "could not read PATH: why", for a file or folder named on the command line.
pub fn cannot_read(path: &Path, error: std::io::Error) -> Error {
    Error::File(format!("could not read {}: {error}", shown(path)))
}

/// "could not write PATH: why".
pub fn cannot_write(path: &Path, error: std::io::Error) -> Error {
    Error::File(format!("could not write {}: {error}", shown(path)))
}

/// `Ok` when `path` is a regular file of at most [`MAX_FILE_BYTES`], else why not.
pub fn check_regular(path: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(path, e))?;
    if !meta.is_file() {
        return Err(Error::File(not_regular(path, &meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::File(too_large(path, meta.len())));
    }
    Ok(())
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]; anything else is refused in
/// one sentence. The limit is also enforced while reading (a file may grow meanwhile).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, Error> {
    let cannot = |e: std::io::Error| cannot_read(path, e);
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Error::File(not_regular(path, &meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::File(too_large(path, meta.len())));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::File(too_large(path, bytes.len() as u64)));
    }
    Ok(bytes)
}

fn is_image_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The photos in `dir`, in name order (`recursive`: in its sub-folders too, depth first).
/// Links to folders are not followed and links to anything but a regular file are refused;
/// each gets a sentence in `notes`.
pub fn images_in(
    dir: &Path,
    recursive: bool,
    notes: &mut Vec<String>,
) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    walk(dir, recursive, &mut out, notes)?;
    Ok(out)
}

fn walk(
    dir: &Path,
    recursive: bool,
    out: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(|e| cannot_read(dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            if recursive {
                walk(&path, recursive, out, notes)?;
            }
        } else if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    if recursive {
                        notes.push(format!(
                            "{} is a link to a folder: not followed",
                            shown(&path)
                        ));
                    }
                }
                Ok(meta) if meta.is_file() => {
                    if is_image_name(&path) {
                        out.push(path);
                    }
                }
                Ok(meta) => {
                    if is_image_name(&path) {
                        notes.push(not_regular(&path, &meta));
                    }
                }
                Err(e) => {
                    if is_image_name(&path) {
                        notes.push(format!("could not read {}: {e}", shown(&path)));
                    }
                }
            }
        } else if is_image_name(&path) {
            if kind.is_file() {
                out.push(path);
            } else {
                notes.push(format!(
                    "{} is a device, pipe or socket, not a regular file: not read",
                    shown(&path)
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_to_folders_and_devices_are_refused_in_one_sentence_each() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.png"), b"x").unwrap();
        std::fs::write(root.join("b.JPG"), b"x").unwrap();
        std::os::unix::fs::symlink(".", root.join("loop1")).unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop2")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.png")).unwrap();
        std::os::unix::fs::symlink("b.JPG", root.join("c.png")).unwrap();
        let mut notes = Vec::new();
        let found = images_in(root, true, &mut notes).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["b.JPG", "c.png", "sub/a.png"]);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes
            .iter()
            .any(|n| n.contains("loop1 is a link to a folder")));
        assert!(notes
            .iter()
            .any(|n| n.contains("loop2 is a link to a folder")));
        assert!(notes
            .iter()
            .any(|n| n.contains("zero.png is a link to /dev/zero")));
        let error = read_regular(&root.join("zero.png"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("not a regular file"), "{error}");
        assert!(read_regular(Path::new("/dev/zero")).is_err());
        assert_eq!(read_regular(&root.join("c.png")).unwrap(), b"x");
    }
}
