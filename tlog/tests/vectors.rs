//! Known answers from other implementations: the RFC 6962/9162 test tree of the
//! certificate-transparency project, Go's `sumdb/note` example note, and a tlog-cosignature
//! verifier key. A log no other implementation agrees with proves nothing to anyone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use trustlabel_tlog::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion,
    verify_note, Error, Hash, KeyKind, Note, SignerKey, TilePath, VerifierKey,
};

fn h(hex: &str) -> Hash {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    Hash::from_slice(&bytes).unwrap()
}

fn leaves() -> Vec<Hash> {
    let inputs: [&[u8]; 8] = [
        b"",
        &[0x00],
        &[0x10],
        &[0x20, 0x21],
        &[0x30, 0x31],
        &[0x40, 0x41, 0x42, 0x43],
        &[0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        &[
            0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d,
            0x6e, 0x6f,
        ],
    ];
    inputs.iter().map(|e| Hash::leaf(e)).collect()
}

const ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

#[test]
fn tree_heads_match_the_rfc_test_tree_for_every_size() {
    let leaves = leaves();
    assert_eq!(Hash::empty(), h(ROOTS[0]));
    for n in 0..=8 {
        assert_eq!(tree_hash(&leaves[..n]), h(ROOTS[n]), "size {n}");
    }
}

#[test]
fn inclusion_proofs_match_the_rfc_test_tree() {
    let leaves = leaves();
    // (index, size, proof), indexes from 0.
    let vectors: [(u64, u64, &[&str]); 4] = [
        (
            0,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            &[
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
        (
            1,
            5,
            &[
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (index, size, expected) in vectors {
        let expected: Vec<Hash> = expected.iter().map(|x| h(x)).collect();
        let proof = inclusion_proof(&leaves[..], index, size).unwrap();
        assert_eq!(proof, expected, "inclusion {index} in {size}");
        let root = h(ROOTS[size as usize]);
        verify_inclusion(index, size, &leaves[index as usize], &proof, &root).unwrap();
        assert_eq!(
            verify_inclusion(index, size, &leaves[index as usize], &proof, &h(ROOTS[0])),
            Err(Error::InclusionProofInvalid)
        );
    }
}

#[test]
fn consistency_proofs_match_the_rfc_test_tree() {
    let leaves = leaves();
    let vectors: [(u64, u64, &[&str]); 4] = [
        (1, 1, &[]),
        (
            1,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (old, new, expected) in vectors {
        let expected: Vec<Hash> = expected.iter().map(|x| h(x)).collect();
        let proof = consistency_proof(&leaves[..], old, new).unwrap();
        assert_eq!(proof, expected, "consistency {old} -> {new}");
        let (r1, r2) = (h(ROOTS[old as usize]), h(ROOTS[new as usize]));
        verify_consistency(old, new, &r1, &r2, &proof).unwrap();
        if old != new {
            assert_eq!(
                verify_consistency(old, new, &h(ROOTS[4]), &r2, &proof),
                Err(Error::ConsistencyProofInvalid)
            );
        }
    }
}

const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                       then you don't know what your problem is.\n";
const GO_NOTE: &str = "If you think cryptography is the answer to your problem,\n\
                       then you don't know what your problem is.\n\
                       \n\
                       \u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

#[test]
fn signing_go_s_example_note_gives_go_s_bytes() {
    let signer = SignerKey::parse(GO_SKEY).unwrap();
    assert_eq!(signer.verifier().to_text(), GO_VKEY);
    assert_eq!(signer.to_secret_text(), GO_SKEY);
    let mut note = Note::new(GO_TEXT).unwrap();
    note.add_signature(signer.sign(GO_TEXT, 0)).unwrap();
    assert_eq!(String::from_utf8(note.to_bytes()).unwrap(), GO_NOTE);
}

#[test]
fn go_s_example_note_verifies_and_an_altered_one_does_not() {
    let key = VerifierKey::parse(GO_VKEY).unwrap();
    let note = Note::parse(GO_NOTE.as_bytes()).unwrap();
    assert_eq!(note.text(), GO_TEXT);
    let verified = verify_note(&note, std::slice::from_ref(&key)).unwrap();
    assert_eq!(verified[0].key, key);
    let altered = GO_NOTE.replace("cryptography", "cryptographY");
    let note = Note::parse(altered.as_bytes()).unwrap();
    assert_eq!(
        verify_note(&note, &[key]),
        Err(Error::BadNoteSignature {
            name: "PeterNeumann".into()
        })
    );
}

#[test]
fn a_published_cosignature_key_parses_with_its_type_0x04_key_id() {
    // A witness key of type 0x04 from transparency-dev/formats' tests: its id checks only
    // if the key id is SHA-256(name || "\n" || 0x04 || key)[:4].
    let key =
        VerifierKey::parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")
            .unwrap();
    assert_eq!(key.kind(), KeyKind::CosignatureV1);
    assert_eq!(key.id(), [0xda, 0x77, 0xad, 0xe7]);
}

#[test]
fn mangled_keys_are_refused() {
    for bad in [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3x+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ] {
        assert!(
            matches!(VerifierKey::parse(bad), Err(Error::MalformedKey { .. })),
            "{bad}"
        );
    }
}

#[test]
fn tile_paths_follow_the_spec_s_examples() {
    let cases = [
        ("tile/0/000", Some(0), 0, 256),
        ("tile/0/x001/x234/067", Some(0), 1_234_067, 256),
        ("tile/1/017.p/17", Some(1), 17, 17),
        ("tile/entries/x001/000.p/112", None, 1000, 112),
        ("tile/63/999", Some(63), 999, 256),
    ];
    for (text, level, index, width) in cases {
        let path = TilePath::parse(text).unwrap();
        assert_eq!(
            path,
            TilePath {
                level,
                index,
                width
            }
        );
        assert_eq!(path.to_string(), text);
    }
    for bad in [
        "tile/0/1",
        "tile/0/x000/001",
        "tile/0/001/002",
        "tile/64/000",
        "tile/01/000",
        "tile/0/000.p/0",
        "tile/0/000.p/256",
        "tile/0/000.p/012",
        "tile/0/x1/000",
        "tiles/0/000",
        "tile/0/000/",
    ] {
        assert!(TilePath::parse(bad).is_err(), "{bad}");
    }
}

/// A real checkpoint of a Certificate Transparency log (Sunlight/tlog-tiles staging log
/// `arche2025h1`), with its Ed25519 note signature, an RFC 6962 signature line of another
/// type, and cosignatures of four public witnesses, as published in a test of another
/// implementation. Our parser, the log's note signature and `remora.n621.de`'s
/// tlog-cosignature v1 line must all check; the same note with the size changed must not.
const ARCHE: &str = "arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

\u{2014} arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
\u{2014} arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
\u{2014} transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
\u{2014} witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
\u{2014} remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
\u{2014} witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
";
const ARCHE_KEY: &str =
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
const REMORA_KEY: &str = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

#[test]
fn a_real_cosigned_ct_checkpoint_verifies_and_an_altered_one_does_not() {
    let policy = trustlabel_tlog::LogPolicy::new(
        "arche2025h1.staging.ct.transparency.dev",
        VerifierKey::parse(ARCHE_KEY).unwrap(),
        vec![VerifierKey::parse(REMORA_KEY).unwrap()],
        1,
    )
    .unwrap();
    let verified = policy.verify_checkpoint(ARCHE.as_bytes()).unwrap();
    assert_eq!(verified.checkpoint().size, 1_432_088_532);
    assert_eq!(verified.cosigners(), ["remora.n621.de".to_string()]);
    let note = Note::parse(ARCHE.as_bytes()).unwrap();
    let remora = verify_note(&note, &[VerifierKey::parse(REMORA_KEY).unwrap()]).unwrap();
    // The cosignature's timestamp, read from its first 8 bytes.
    assert_eq!(remora[0].timestamp, Some(0x6a12_2120));

    let altered = ARCHE.replacen("1432088532", "42", 1);
    assert_eq!(
        policy.verify_checkpoint(altered.as_bytes()),
        Err(Error::BadCheckpointSignature)
    );
    let only_witness = Note::parse(altered.as_bytes()).unwrap();
    assert_eq!(
        verify_note(&only_witness, &[VerifierKey::parse(REMORA_KEY).unwrap()]),
        Err(Error::BadNoteSignature {
            name: "remora.n621.de".into()
        })
    );
}
