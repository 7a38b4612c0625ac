//! The key set: a JWKS document (`{"keys": [...]}`, as Cognito serves it at
//! `<issuer>/.well-known/jwks.json`) read into the RSA keys that can verify
//! RS256 signatures.
//!
//! Keys of another type (`kty` other than `RSA`), for another use (`use`
//! other than `sig`) or for another algorithm (`alg` other than `RS256`) are
//! skipped: a token can never be verified with them. Every RSA key kept must
//! be whole (`kid`, `n`, `e` as base64url strings, a 2048 to 8192-bit
//! modulus), and each error names the key's index and the field. A JWKS is
//! public, so its errors may name fields; they still quote no values.

use std::fmt;

use base64::Engine as _;
use serde_json::Value;

use super::BASE64URL;

/// A JWKS document's RS256 signing keys, looked up by `kid`.
///
/// ```
/// use cognito_validate::token::Jwks;
/// let jwks = Jwks::from_json(br#"{"keys": [{"kty": "EC", "kid": "ignored"}]}"#);
/// assert_eq!(
///     jwks.unwrap_err().to_string(),
///     "the JWKS has no RSA key for RS256 signatures"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Jwks {
    keys: Vec<Key>,
}

/// One RSA public key: its `kid`, and the big-endian modulus and exponent.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) kid: String,
    pub(crate) n: Vec<u8>,
    pub(crate) e: Vec<u8>,
}

/// Why a JWKS document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwksError {
    /// The document is longer than [`Jwks::MAX_BYTES`].
    #[error("the JWKS is {len} bytes long; at most {max} are read")]
    TooLarge {
        /// Its length in bytes.
        len: usize,
        /// [`Jwks::MAX_BYTES`].
        max: usize,
    },
    /// The document is not JSON.
    #[error("the JWKS is not JSON: {0}")]
    NotJson(String),
    /// The document is not an object with a `keys` array.
    #[error("the JWKS is not an object with a `keys` array")]
    NoKeys,
    /// The `keys` array holds more than [`Jwks::MAX_KEYS`] entries.
    #[error("the JWKS has {count} keys; at most {max} are read")]
    TooManyKeys {
        /// The number of entries.
        count: usize,
        /// [`Jwks::MAX_KEYS`].
        max: usize,
    },
    /// A key is not usable.
    #[error("key {index}: `{field}` {problem}")]
    Key {
        /// The key's 0-based index in `keys`.
        index: usize,
        /// The field at fault (`kid`, `n`, `e`, ...), or `(key)` for the entry itself.
        field: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Two keys have the same `kid`.
    #[error("key {index}: `kid` repeats the `kid` of key {first}")]
    DuplicateKid {
        /// The later key's index.
        index: usize,
        /// The earlier key's index.
        first: usize,
    },
    /// No key is an RSA key for RS256 signatures.
    #[error("the JWKS has no RSA key for RS256 signatures")]
    NoUsableKey,
}

impl Jwks {
    /// The longest document read, in bytes (a Cognito JWKS is under 1 KiB).
    pub const MAX_BYTES: usize = 256 * 1024;
    /// The most entries in `keys` read (Cognito serves two).
    pub const MAX_KEYS: usize = 100;
    /// The smallest modulus accepted, in bytes (2048 bits).
    const MIN_MODULUS: usize = 256;
    /// The largest modulus accepted, in bytes (8192 bits).
    const MAX_MODULUS: usize = 1024;
    /// The largest exponent accepted, in bytes (`AQAB`, 65537, is 3).
    const MAX_EXPONENT: usize = 4;

    /// Reads a JWKS document: `{"keys": [{"kty": "RSA", "kid": …, "n": …,
    /// "e": …, "alg": "RS256", "use": "sig"}, …]}`. Other members and keys of
    /// other types are ignored.
    ///
    /// ```
    /// use cognito_validate::token::{Jwks, JwksError};
    /// let err = Jwks::from_json(br#"{"keys": [{"kty": "RSA", "kid": "k1", "e": "AQAB"}]}"#);
    /// assert_eq!(
    ///     err.unwrap_err(),
    ///     JwksError::Key { index: 0, field: "n", problem: "is missing" }
    /// );
    /// ```
    pub fn from_json(bytes: &[u8]) -> Result<Jwks, JwksError> {
        if bytes.len() > Self::MAX_BYTES {
            return Err(JwksError::TooLarge {
                len: bytes.len(),
                max: Self::MAX_BYTES,
            });
        }
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| JwksError::NotJson(e.to_string()))?;
        let entries = doc
            .get("keys")
            .and_then(Value::as_array)
            .ok_or(JwksError::NoKeys)?;
        if entries.len() > Self::MAX_KEYS {
            return Err(JwksError::TooManyKeys {
                count: entries.len(),
                max: Self::MAX_KEYS,
            });
        }
        let mut keys: Vec<Key> = Vec::new();
        let mut indexes: Vec<usize> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let Some(key) = Self::key(index, entry)? else {
                continue;
            };
            if let Some(at) = keys.iter().position(|k| k.kid == key.kid) {
                return Err(JwksError::DuplicateKid {
                    index,
                    first: indexes[at],
                });
            }
            keys.push(key);
            indexes.push(index);
        }
        if keys.is_empty() {
            return Err(JwksError::NoUsableKey);
        }
        Ok(Jwks { keys })
    }

    /// Reads entry `index`: `None` for a key that is not for RS256
    /// signatures, an error for an RSA signing key that is incomplete.
    fn key(index: usize, entry: &Value) -> Result<Option<Key>, JwksError> {
        let err = |field, problem| JwksError::Key {
            index,
            field,
            problem,
        };
        if !entry.is_object() {
            return Err(err("(key)", "is not an object"));
        }
        let text = |field: &'static str| -> Result<Option<&str>, JwksError> {
            match entry.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(err(field, "is not a string")),
            }
        };
        let kty = text("kty")?.ok_or(err("kty", "is missing"))?;
        let usable = kty == "RSA"
            && text("use")?.is_none_or(|u| u == "sig")
            && text("alg")?.is_none_or(|a| a == "RS256");
        if !usable {
            return Ok(None);
        }
        let kid = text("kid")?.ok_or(err("kid", "is missing"))?;
        let bytes = |field: &'static str| -> Result<Vec<u8>, JwksError> {
            let s = text(field)?.ok_or(err(field, "is missing"))?;
            let mut v = BASE64URL
                .decode(s)
                .map_err(|_| err(field, "is not base64url without padding"))?;
            // Big-endian integers: leading zero bytes carry no value.
            let zeros = v.iter().take_while(|&&b| b == 0).count();
            v.drain(..zeros);
            Ok(v)
        };
        let n = bytes("n")?;
        if n.len() < Self::MIN_MODULUS || n.len() > Self::MAX_MODULUS {
            return Err(err("n", "is not a 2048 to 8192-bit modulus"));
        }
        let e = bytes("e")?;
        let odd = e.last().is_some_and(|b| b & 1 == 1);
        if e.len() > Self::MAX_EXPONENT || !odd || (e.len() == 1 && e[0] < 3) {
            return Err(err("e", "is not an odd exponent from 3 to 2^32"));
        }
        Ok(Some(Key {
            kid: kid.to_owned(),
            n,
            e,
        }))
    }

    /// The key with this `kid`.
    pub(crate) fn find(&self, kid: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// How many RS256 keys were read.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key was read (never true of a `Jwks` that
    /// [`Jwks::from_json`] returned).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The `kid` of every key, in document order.
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.kid.as_str())
    }
}

impl fmt::Debug for Jwks {
    /// The key ids and sizes; the moduli are public but long.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.keys.iter().map(|k| (&k.kid, k.n.len() * 8)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(fields: &str) -> String {
        format!(r#"{{"keys": [{{{fields}}}]}}"#)
    }

    const N: &str = "n";

    fn modulus(bytes: usize) -> String {
        let mut v = vec![0xC5u8; bytes];
        v[0] = 0xE1;
        BASE64URL.encode(v)
    }

    #[test]
    fn a_whole_rsa_key_is_read_and_others_are_skipped() {
        let n = modulus(256);
        let mut zero_first = vec![0u8];
        zero_first.extend(BASE64URL.decode(&n).unwrap());
        let zero_first = BASE64URL.encode(zero_first);
        let doc = format!(
            r#"{{"keys": [
                {{"kty": "EC", "kid": "ec", "crv": "P-256"}},
                {{"kty": "RSA", "kid": "enc", "use": "enc", "n": "{n}", "e": "AQAB"}},
                {{"kty": "RSA", "kid": "ps", "alg": "PS256", "n": "{n}", "e": "AQAB"}},
                {{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig", "n": "{zero_first}", "e": "AQAB", "x5c": []}}
            ], "extra": 1}}"#
        );
        let jwks = Jwks::from_json(doc.as_bytes()).unwrap();
        assert_eq!(jwks.kids().collect::<Vec<_>>(), ["k1"]);
        // The leading zero byte is dropped.
        assert_eq!(jwks.find("k1").unwrap().n.len(), 256);
        assert_eq!(jwks.find("k1").unwrap().e, [1, 0, 1]);
        assert_eq!(format!("{jwks:?}"), r#"[("k1", 2048)]"#);
    }

    #[test]
    fn each_error_names_the_key_and_the_field() {
        let n = modulus(256);
        let cases = [
            (key(r#""kid": "k""#), "key 0: `kty` is missing"),
            (key(r#""kty": 7"#), "key 0: `kty` is not a string"),
            (
                key(&format!(r#""kty": "RSA", "n": "{n}", "e": "AQAB""#)),
                "key 0: `kid` is missing",
            ),
            (
                key(r#""kty": "RSA", "kid": "k", "e": "AQAB""#),
                "key 0: `n` is missing",
            ),
            (
                key(r#""kty": "RSA", "kid": "k", "n": "a+b/", "e": "AQAB""#),
                "key 0: `n` is not base64url without padding",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{}", "e": "AQAB""#,
                    modulus(255)
                )),
                "key 0: `n` is not a 2048 to 8192-bit modulus",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{}", "e": "AQAB""#,
                    modulus(1025)
                )),
                "key 0: `n` is not a 2048 to 8192-bit modulus",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{n}", "e": "AQ==""#
                )),
                "key 0: `e` is not base64url without padding",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{n}", "e": "AQ""#
                )),
                "key 0: `e` is not an odd exponent from 3 to 2^32",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{n}", "e": "AQAA""#
                )),
                "key 0: `e` is not an odd exponent from 3 to 2^32",
            ),
            (
                key(&format!(
                    r#""kty": "RSA", "kid": "k", "n": "{n}", "e": "AQABAQAB""#
                )),
                "key 0: `e` is not an odd exponent from 3 to 2^32",
            ),
            (
                key(&format!(r#""kty": "RSA", "kid": {{}}, "n": "{N}""#)),
                "key 0: `kid` is not a string",
            ),
            (
                r#"{"keys": [{"kty": "oct"}, 3]}"#.to_string(),
                "key 1: `(key)` is not an object",
            ),
            (
                format!(
                    r#"{{"keys": [{{"kty": "RSA", "kid": "k", "n": "{n}", "e": "AQAB"}},
                              {{"kty": "EC"}},
                              {{"kty": "RSA", "kid": "k", "n": "{n}", "e": "AQAB"}}]}}"#
                ),
                "key 2: `kid` repeats the `kid` of key 0",
            ),
            (
                r#"{"keys": {}}"#.to_string(),
                "the JWKS is not an object with a `keys` array",
            ),
            (
                r#"[]"#.to_string(),
                "the JWKS is not an object with a `keys` array",
            ),
            (
                r#"{"keys": []}"#.to_string(),
                "the JWKS has no RSA key for RS256 signatures",
            ),
        ];
        for (doc, want) in cases {
            let got = Jwks::from_json(doc.as_bytes()).unwrap_err().to_string();
            assert_eq!(got, want, "{doc}");
        }
        assert!(Jwks::from_json(b"{")
            .unwrap_err()
            .to_string()
            .starts_with("the JWKS is not JSON: "));
    }

    #[test]
    fn size_and_count_are_capped() {
        let big = vec![b' '; Jwks::MAX_BYTES + 1];
        assert_eq!(
            Jwks::from_json(&big).unwrap_err(),
            JwksError::TooLarge {
                len: Jwks::MAX_BYTES + 1,
                max: Jwks::MAX_BYTES
            }
        );
        let many = format!(
            r#"{{"keys": [{}{{}}]}}"#,
            r#"{"kty": "EC"},"#.repeat(Jwks::MAX_KEYS)
        );
        assert_eq!(
            Jwks::from_json(many.as_bytes()).unwrap_err(),
            JwksError::TooManyKeys {
                count: Jwks::MAX_KEYS + 1,
                max: Jwks::MAX_KEYS
            }
        );
    }
}
