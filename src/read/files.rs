//! Plain text files, one document each, read in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{decode_error, quoted, Errors, Records};
use crate::error::{Error, Result};
use crate::parallel::{step, Control};
use crate::strings::Strings;

/// The texts of the files `paths`, in order. A UTF-8 byte order mark at the
/// start is dropped; bytes that are not UTF-8 are an error naming the file
/// and byte offset, or under `Errors::Replace` become U+FFFD (the file is
/// named in `repaired`).
pub fn read(paths: &[PathBuf], errors: Errors, control: &Control) -> Result<Records> {
    control.expect(paths.len());
    let texts: Vec<(String, bool)> = paths
        .par_iter()
        .map(|path| {
            step(control, 1)?;
            read_one(path, errors)
        })
        .collect::<Result<_>>()?;
    let bytes = texts.iter().map(|(text, _)| text.len()).sum();
    let mut out = Records {
        texts: Strings::with_capacity(texts.len(), bytes),
        ..Records::default()
    };
    for (path, (text, repaired)) in paths.iter().zip(texts) {
        out.texts.push(&text);
        if repaired {
            out.repaired.push(quoted(&path.to_string_lossy()));
        }
    }
    Ok(out)
}

/// One file's text, and whether it was repaired.
fn read_one(path: &Path, errors: Errors) -> Result<(String, bool)> {
    let name = path.to_string_lossy();
    let data = std::fs::read(path).map_err(|e| Error::io(&name, &e))?;
    let (skip, body) = match data.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (3, body),
        None => (0, &data[..]),
    };
    match std::str::from_utf8(body) {
        Ok(_) => {
            let mut data = data;
            data.drain(..skip);
            // Checked just above.
            Ok((String::from_utf8(data).unwrap_or_default(), false))
        }
        Err(error) if errors == Errors::Strict => {
            let place = format!("in file {}", quoted(&name));
            Err(decode_error(body, error, skip, &place))
        }
        Err(_) => Ok((String::from_utf8_lossy(body).into_owned(), true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_named_and_repaired() {
        let folder = std::env::temp_dir().join(format!("corpuscle-files-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let write = |name: &str, data: &[u8]| {
            let path = folder.join(name);
            std::fs::write(&path, data).unwrap();
            path
        };
        let good = write("good.txt", b"\xEF\xBB\xBFXi met Putin.");
        let bad = write("bad.txt", b"ok \xC3( here");
        let read_all = |paths: &[PathBuf], errors| read(paths, errors, &Control::default());
        let records = read_all(std::slice::from_ref(&good), Errors::Strict).unwrap();
        assert_eq!(records.texts.get(0), "Xi met Putin.");
        let error = read_all(&[good.clone(), bad.clone()], Errors::Strict).unwrap_err();
        let Error::Decode { reason, .. } = error else {
            panic!("{error:?}")
        };
        let shown = bad.display();
        assert_eq!(
            reason,
            format!("invalid continuation byte in file '{shown}' at byte offset 3")
        );
        let records = read_all(&[good, bad.clone()], Errors::Replace).unwrap();
        assert_eq!(records.texts.get(1), "ok \u{FFFD}( here");
        assert_eq!(records.repaired, [format!("'{shown}'")]);
        let missing = folder.join("missing.txt");
        let error = read_all(&[missing], Errors::Strict).unwrap_err();
        assert!(matches!(
            error,
            Error::Io {
                kind: std::io::ErrorKind::NotFound,
                ..
            }
        ));
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
