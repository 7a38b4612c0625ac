//! Where in a request a diagnostic points.
//!
//! A [`Path`] renders two ways: as an RFC 6901 JSON Pointer into the request
//! JSON (`/UserAttributes/0/Name`), and in the form AWS uses in its messages
//! (`userAttributes.1.member.name`: members lower-camel-cased, list indexes
//! 1-based and followed by `.member`).

use std::fmt;

/// A member of a request or response structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Member {
    /// `AccessToken`.
    AccessToken,
    /// `UserAttributes`.
    UserAttributes,
    /// `ClientMetadata`.
    ClientMetadata,
    /// `Name` of an attribute.
    Name,
    /// `Value` of an attribute.
    Value,
    /// `CodeDeliveryDetailsList` of a response.
    CodeDeliveryDetailsList,
    /// `Destination` of a code delivery.
    Destination,
    /// `DeliveryMedium` of a code delivery.
    DeliveryMedium,
    /// `AttributeName` of a code delivery.
    AttributeName,
}

impl Member {
    /// The member's name on the wire, as it appears in request JSON.
    pub const fn wire_name(self) -> &'static str {
        match self {
            Member::AccessToken => "AccessToken",
            Member::UserAttributes => "UserAttributes",
            Member::ClientMetadata => "ClientMetadata",
            Member::Name => "Name",
            Member::Value => "Value",
            Member::CodeDeliveryDetailsList => "CodeDeliveryDetailsList",
            Member::Destination => "Destination",
            Member::DeliveryMedium => "DeliveryMedium",
            Member::AttributeName => "AttributeName",
        }
    }

    /// The member's name in AWS messages: the wire name with its first letter
    /// lower-cased.
    pub const fn aws_name(self) -> &'static str {
        match self {
            Member::AccessToken => "accessToken",
            Member::UserAttributes => "userAttributes",
            Member::ClientMetadata => "clientMetadata",
            Member::Name => "name",
            Member::Value => "value",
            Member::CodeDeliveryDetailsList => "codeDeliveryDetailsList",
            Member::Destination => "destination",
            Member::DeliveryMedium => "deliveryMedium",
            Member::AttributeName => "attributeName",
        }
    }
}

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// A structure member.
    Member(Member),
    /// A structure member of any operation of the model, by its two names.
    Field {
        /// The JSON key: `UserPoolId`.
        wire: &'static str,
        /// The name in AWS messages: `userPoolId`.
        aws: &'static str,
    },
    /// A 0-based list index.
    Index(usize),
    /// A map key (of `ClientMetadata`).
    Key(Box<str>),
}

/// A location in a request, from its root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: Vec<Segment>,
}

impl Path {
    /// The root of the request.
    pub fn root() -> Path {
        Path::default()
    }

    /// The root, with room for `n` segments (a path built from a known
    /// depth grows once).
    pub(crate) fn with_capacity(n: usize) -> Path {
        Path {
            segments: Vec::with_capacity(n),
        }
    }

    /// This path extended by a member.
    pub fn member(mut self, m: Member) -> Path {
        self.segments.push(Segment::Member(m));
        self
    }

    /// This path extended by a member of any structure of the model, named
    /// on the wire (`UserPoolId`) and in AWS messages (`userPoolId`).
    pub fn field(mut self, wire: &'static str, aws: &'static str) -> Path {
        self.segments.push(Segment::Field { wire, aws });
        self
    }

    /// This path extended by a 0-based list index.
    pub fn index(mut self, i: usize) -> Path {
        self.segments.push(Segment::Index(i));
        self
    }

    /// This path extended by a map key.
    pub fn key(mut self, k: &str) -> Path {
        self.segments.push(Segment::Key(k.into()));
        self
    }

    /// The steps of the path, from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The RFC 6901 JSON Pointer: `/UserAttributes/0/Name`; the root is `""`.
    pub fn json_pointer(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            out.push('/');
            match s {
                Segment::Member(m) => out.push_str(m.wire_name()),
                Segment::Field { wire, .. } => out.push_str(wire),
                Segment::Index(i) => out.push_str(&i.to_string()),
                Segment::Key(k) => {
                    for c in k.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
            }
        }
        out
    }

    /// The path as AWS writes it: `userAttributes.1.member.name`.
    ///
    /// AWS names a map, not an entry of it (its map constraints read "Map value
    /// must satisfy constraint"), so a map key ends the AWS path at the map.
    pub fn aws(&self) -> String {
        let mut out = String::new();
        self.write_aws(&mut out);
        out
    }

    /// Appends [`Path::aws`] to `out`, without a string of its own (the
    /// rejection message is written in one buffer).
    pub(crate) fn write_aws(&self, out: &mut String) {
        let start = out.len();
        for s in &self.segments {
            match s {
                Segment::Member(m) => {
                    if out.len() > start {
                        out.push('.');
                    }
                    out.push_str(m.aws_name());
                }
                Segment::Field { aws, .. } => {
                    if out.len() > start {
                        out.push('.');
                    }
                    out.push_str(aws);
                }
                Segment::Index(i) => {
                    out.push('.');
                    push_decimal(out, i.saturating_add(1) as u64);
                    out.push_str(".member");
                }
                Segment::Key(_) => break,
            }
        }
    }
}

/// Appends `n` in decimal to `out`, without `fmt`'s machinery (the rejection
/// path writes a number per finding).
pub(crate) fn push_decimal(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

impl fmt::Display for Path {
    /// Displays the JSON Pointer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.json_pointer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_forms() {
        let p = Path::root()
            .member(Member::UserAttributes)
            .index(0)
            .member(Member::Name);
        assert_eq!(p.json_pointer(), "/UserAttributes/0/Name");
        assert_eq!(p.aws(), "userAttributes.1.member.name");
        let t = Path::root().member(Member::AccessToken);
        assert_eq!(t.json_pointer(), "/AccessToken");
        assert_eq!(t.aws(), "accessToken");
        assert_eq!(Path::root().json_pointer(), "");
        let f = Path::root()
            .field("UserAttributeNames", "userAttributeNames")
            .index(0);
        assert_eq!(f.json_pointer(), "/UserAttributeNames/0");
        assert_eq!(f.aws(), "userAttributeNames.1.member");
    }

    #[test]
    fn escapes_pointer_keys() {
        let p = Path::root().member(Member::ClientMetadata).key("a/b~c");
        assert_eq!(p.json_pointer(), "/ClientMetadata/a~1b~0c");
        assert_eq!(p.aws(), "clientMetadata");
    }

    #[test]
    fn decimals_are_written_as_to_string_writes_them() {
        for n in [0, 7, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::from("x");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
