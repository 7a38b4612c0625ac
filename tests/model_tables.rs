//! Facts of the generated model tables, checked against the reference
//! (`operations-and-tokens.md` sections 1–2, `update-user-attributes.md`) and
//! the model's own rules: counts, lookups, constraints, the overlay's effects,
//! the character classes.

use cognito_validate::model::{
    self, Auth, ClassItem, Kind, Length, MemberDef, OperationDef, Range, ShapeId,
};
use cognito_validate::NamePattern;

fn shape(name: &str) -> &'static model::ShapeDef {
    model::shape(name)
        .unwrap_or_else(|| panic!("no shape {name}"))
        .def()
}

fn member(op: &str, name: &str) -> &'static MemberDef {
    let op = OperationDef::from_name(op).unwrap_or_else(|| panic!("no operation {op}"));
    let Kind::Structure { members } = op.input.def().kind else {
        panic!("{} input is not a structure", op.name)
    };
    members
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{} has no member {name}", op.name))
}

trait ListItem {
    fn list_item(self) -> ShapeId;
}

impl ListItem for ShapeId {
    fn list_item(self) -> ShapeId {
        match self.def().kind {
            Kind::List { member, .. } => member,
            ref k => panic!("{} is not a list: {k:?}", self.def().name),
        }
    }
}

/// (length, printed pattern, enum values) of a string shape.
fn string(id: ShapeId) -> (Length, Option<&'static str>, &'static [&'static str]) {
    match id.def().kind {
        Kind::String {
            length,
            pattern,
            enum_values,
        } => (length, pattern.map(|p| p.def().printed), enum_values),
        ref k => panic!("{} is not a string: {k:?}", id.def().name),
    }
}

fn len(min: Option<u64>, max: Option<u64>) -> Length {
    Length { min, max }
}

#[test]
fn every_operation_of_botocore_1_44_8_is_there_sorted() {
    let ops = model::operations();
    assert_eq!(ops.len(), 153);
    assert_eq!(model::MODEL_VERSION, "1.44.8");
    assert_eq!(model::TARGET_PREFIX, "AWSCognitoIdentityProviderService");
    assert!(ops.windows(2).all(|w| w[0].name < w[1].name));
    for op in ops {
        assert!(std::ptr::eq(OperationDef::from_name(op.name).unwrap(), op));
        let target = format!("{}.{}", model::TARGET_PREFIX, op.name);
        assert_eq!(op.target, target);
        assert!(std::ptr::eq(
            OperationDef::from_target(&target).unwrap(),
            op
        ));
        assert!(
            matches!(op.input.def().kind, Kind::Structure { .. }),
            "{}",
            op.name
        );
    }
    assert!(OperationDef::from_name("signUp").is_none());
    assert!(OperationDef::from_target("SignUp").is_none());
    assert!(OperationDef::from_target("AWSCognitoIdentityProviderService.").is_none());
}

#[test]
fn every_shape_id_resolves_and_shapes_are_sorted() {
    let shapes = model::shapes();
    assert!(shapes.windows(2).all(|w| w[0].name < w[1].name));
    for (i, s) in shapes.iter().enumerate() {
        assert_eq!(model::shape(s.name).unwrap().index(), i);
        let ids: Vec<ShapeId> = match s.kind {
            Kind::Structure { members } => members.iter().map(|m| m.shape).collect(),
            Kind::List { member, .. } => vec![member],
            Kind::Map { key, value, .. } => {
                assert!(matches!(key.def().kind, Kind::String { .. }), "{}", s.name);
                vec![key, value]
            }
            _ => vec![],
        };
        for id in ids {
            assert!(id.index() < shapes.len());
        }
    }
}

#[test]
fn authorisation_and_admin_scope() {
    let no_auth: Vec<&str> = model::operations()
        .iter()
        .filter(|o| o.auth == Auth::NoAuth)
        .map(|o| o.name)
        .collect();
    assert_eq!(no_auth.len(), 34, "{no_auth:?}");
    for name in ["SignUp", "InitiateAuth", "UpdateUserAttributes", "GetUser"] {
        assert!(no_auth.contains(&name), "{name}");
    }
    assert_eq!(
        OperationDef::from_name("AdminCreateUser").unwrap().auth,
        Auth::SigV4
    );

    let admin: Vec<&str> = model::operations()
        .iter()
        .filter(|o| o.needs_admin_scope)
        .map(|o| o.name)
        .collect();
    assert_eq!(
        admin,
        [
            "AssociateSoftwareToken",
            "ChangePassword",
            "CompleteWebAuthnRegistration",
            "ConfirmDevice",
            "DeleteUser",
            "DeleteUserAttributes",
            "DeleteWebAuthnCredential",
            "ForgetDevice",
            "GetDevice",
            "GetUser",
            "GetUserAttributeVerificationCode",
            "GetUserAuthFactors",
            "GlobalSignOut",
            "ListDevices",
            "ListWebAuthnCredentials",
            "SetUserMFAPreference",
            "SetUserSettings",
            "StartWebAuthnRegistration",
            "UpdateDeviceStatus",
            "UpdateUserAttributes",
            "VerifyUserAttribute",
        ]
    );
    // Every operation that needs the scope is called with a token.
    for name in &admin {
        assert_eq!(
            OperationDef::from_name(name).unwrap().auth,
            Auth::NoAuth,
            "{name}"
        );
    }
}

#[test]
fn reference_facts_of_recurring_shapes() {
    let user_pool_id = model::shape("UserPoolIdType").unwrap();
    assert_eq!(
        string(user_pool_id),
        (
            len(Some(1), Some(55)),
            Some(r"[\w-]+_[0-9a-zA-Z]+"),
            &[][..]
        )
    );
    assert!(!user_pool_id.def().sensitive);
    let username = model::shape("UsernameType").unwrap();
    assert!(username.def().sensitive);
    assert_eq!(
        string(username),
        (
            len(Some(1), Some(128)),
            Some(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+"),
            &[][..]
        )
    );
    assert_eq!(
        string(model::shape("ClientIdType").unwrap()),
        (len(Some(1), Some(128)), Some(r"[\w+]+"), &[][..])
    );
    assert_eq!(
        string(model::shape("SecretHashType").unwrap()).1,
        Some(r"[\w+=/]+")
    );
    assert_eq!(
        string(model::shape("ConfirmationCodeType").unwrap()),
        (len(Some(1), Some(2048)), Some(r"[\S]+"), &[][..])
    );
    assert_eq!(
        string(model::shape("CustomAttributeNameType").unwrap()),
        (
            len(Some(1), Some(20)),
            Some(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+"),
            &[][..]
        )
    );
    let token = model::shape("TokenModelType").unwrap();
    assert!(token.def().sensitive);
    assert_eq!(
        string(token),
        (len(None, None), Some("[A-Za-z0-9-_=.]+"), &[][..])
    );
}

#[test]
fn attribute_name_pattern_is_legacy_with_the_current_one_as_option() {
    let (length, _, _) = string(model::shape("AttributeNameType").unwrap());
    assert_eq!(length, len(Some(1), Some(32)));
    let Kind::String {
        pattern: Some(p), ..
    } = shape("AttributeNameType").kind
    else {
        panic!("AttributeNameType has a pattern")
    };
    assert_eq!(p.def().printed, r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+");
    let current = p.resolve(true);
    assert_ne!(current, p);
    assert_eq!(p.resolve(false), p);
    assert_eq!(p.under(NamePattern::Current), current);
    assert_eq!(p.under(NamePattern::Legacy), p);
    assert_eq!(
        current.def().printed,
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+"
    );
    // The username's identical text is another pattern: the option does not
    // touch it.
    let Kind::String {
        pattern: Some(u), ..
    } = shape("UsernameType").kind
    else {
        panic!("UsernameType has a pattern")
    };
    assert_ne!(u, p);
    assert_eq!(u.resolve(true), u);
    let with_option = model::patterns()
        .iter()
        .filter(|p| p.current.is_some())
        .count();
    assert_eq!(with_option, 1);
}

#[test]
fn members_are_in_model_order_with_aws_names() {
    let op = OperationDef::from_name("UpdateUserAttributes").unwrap();
    let Kind::Structure { members } = op.input.def().kind else {
        panic!()
    };
    let names: Vec<(&str, &str, bool, bool)> = members
        .iter()
        .map(|m| (m.name, m.aws_name, m.required, m.shown))
        .collect();
    assert_eq!(
        names,
        [
            ("UserAttributes", "userAttributes", true, true),
            ("AccessToken", "accessToken", true, false),
            ("ClientMetadata", "clientMetadata", false, true),
        ]
    );
    let limit = member("ListUsers", "Limit");
    assert_eq!(limit.aws_name, "limit");
    let Kind::Integer { range } = limit.shape.def().kind else {
        panic!()
    };
    assert_eq!(
        range,
        Range {
            min: Some(0),
            max: Some(60)
        }
    );
    assert_eq!(
        string(member("ListUsers", "Filter").shape).0,
        len(None, Some(256))
    );
    let Kind::List { member: item, .. } = member("DeleteUserAttributes", "UserAttributeNames")
        .shape
        .def()
        .kind
    else {
        panic!()
    };
    assert_eq!(item.def().name, "AttributeNameType");
}

#[test]
fn enum_values_in_the_order_the_service_prints() {
    let (_, _, values) = string(member("AdminCreateUser", "MessageAction").shape);
    assert_eq!(values, ["RESEND", "SUPPRESS"]);
    let (_, _, values) = string(member("CreateUserPool", "MfaConfiguration").shape);
    assert_eq!(values, ["OPTIONAL", "OFF", "ON"]);
    let Kind::List { member: flow, .. } = member("CreateUserPoolClient", "ExplicitAuthFlows")
        .shape
        .def()
        .kind
    else {
        panic!()
    };
    let (_, _, values) = string(flow);
    assert_eq!(
        values[..8],
        [
            "ALLOW_CUSTOM_AUTH",
            "ADMIN_NO_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "CUSTOM_AUTH_FLOW_ONLY",
            "USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        ]
    );
    assert_eq!(values.len(), 11);
    // A model enum the overlay does not touch keeps the model's order.
    let (_, _, values) = string(
        member("AdminCreateUser", "DesiredDeliveryMediums")
            .shape
            .list_item(),
    );
    assert_eq!(values, ["SMS", "EMAIL"]);
}

#[test]
fn password_overlay_applies_to_every_password_member() {
    // The service prints ^[\S]+.*[\S]+$ and enforces a minimum of 6
    // (reference section 2), where the model says [\S]+ and no minimum.
    for (op, name) in [
        ("SignUp", "Password"),
        ("AdminSetUserPassword", "Password"),
        ("ConfirmForgotPassword", "Password"),
        ("ChangePassword", "PreviousPassword"),
        ("ChangePassword", "ProposedPassword"),
        ("AdminCreateUser", "TemporaryPassword"),
    ] {
        let m = member(op, name);
        assert!(!m.shown, "{op}.{name}");
        assert_eq!(m.shape.def().name, "PasswordType");
        assert!(m.shape.def().sensitive);
        assert_eq!(
            string(m.shape),
            (len(Some(6), Some(256)), Some(r"^[\S]+.*[\S]+$"), &[][..])
        );
    }
    let Kind::String {
        pattern: Some(p), ..
    } = shape("PasswordType").kind
    else {
        panic!()
    };
    assert!(p.def().class.is_none());
    let re = regex::Regex::new(p.def().regex).unwrap();
    assert!(re.is_match("pass word"));
    assert!(!re.is_match(" password"));
    assert!(!re.is_match("password "));
    assert!(!re.is_match("a"));
    assert!(!re.is_match("pass\nword"));
}

#[test]
fn sensitive_values_shown_or_hidden_per_operation() {
    // The overlay: InitiateAuth prints clientId (boto/boto3#3581).
    assert!(member("InitiateAuth", "ClientId").shown);
    // The model's default elsewhere: SignUp leaves clientId, username and
    // password out.
    assert!(!member("SignUp", "ClientId").shown);
    assert!(!member("SignUp", "Username").shown);
    assert!(!member("AdminAddUserToGroup", "Username").shown);
    assert!(!member("ConfirmSignUp", "Username").shown);
    assert!(member("ListGroups", "UserPoolId").shown);
    // A member's `shown` agrees with its shape's sensitivity except where
    // the overlay says otherwise.
    let mut exceptions = Vec::new();
    for op in model::operations() {
        let Kind::Structure { members } = op.input.def().kind else {
            panic!()
        };
        for m in members {
            if m.shown == m.shape.def().sensitive {
                exceptions.push(format!("{}.{}", op.name, m.name));
            }
        }
    }
    assert_eq!(exceptions, ["InitiateAuth.ClientId"]);
}

#[test]
fn every_pattern_is_a_class_or_left_to_regex_and_classes_round_trip() {
    let patterns = model::patterns();
    let classes = patterns.iter().filter(|p| p.class.is_some()).count();
    assert!(
        classes * 2 > patterns.len(),
        "{classes} of {}",
        patterns.len()
    );
    for p in patterns {
        let re = regex::Regex::new(p.regex)
            .unwrap_or_else(|e| panic!("{:?} does not compile: {e}", p.regex));
        let Some(class) = &p.class else { continue };
        // Written back, the class is the text the service prints.
        assert_eq!(class.to_string(), p.printed);
        // The generator's ASCII bitmap is what the items say.
        for c in (0u8..128).map(char::from) {
            assert_eq!(
                class.contains(c),
                class.contains_by_items(c),
                "{:?} on {c:?}",
                p.printed
            );
        }
        // And it agrees with the regex on every ASCII character and a
        // sample of others, alone and repeated.
        let sample = (0u32..0x80).chain([
            0x85, 0xA0, 0xC6, 0x300, 0x2028, 0x3000, 0x6771, 0xE000, 0x1F600, 0x10FFFF,
        ]);
        for c in sample.filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(
                class.matches(&one),
                re.is_match(&one),
                "{:?} on {c:?}",
                p.printed
            );
            let three = one.repeat(3);
            assert_eq!(class.matches(&three), re.is_match(&three));
        }
        assert_eq!(class.matches(""), re.is_match(""), "{:?}", p.printed);
        // Mixed ASCII and other characters, in both orders (the ASCII fast
        // path and the decoding path meet).
        for value in [
            "a\u{C6}b",
            "\u{C6}a",
            "a\u{6771}",
            "Ærøskøbing-東京",
            "custom:favourite_café",
            "x\u{A0}y",
            "a b\u{1F600}",
            "\u{2028}a",
        ] {
            assert_eq!(
                class.matches(value),
                re.is_match(value),
                "{:?} on {value:?}",
                p.printed
            );
        }
    }
    // `\w` is ASCII, as in Java: é is not in `[\w+]+`.
    let client_id = model::shape("ClientIdType").unwrap();
    let Kind::String {
        pattern: Some(p), ..
    } = client_id.def().kind
    else {
        panic!()
    };
    let class = p.def().class.as_ref().unwrap();
    assert_eq!(class.items, [ClassItem::Word, ClassItem::Char('+')]);
    assert!(class.matches("abc_09+"));
    assert!(!class.matches("é"));
    assert!(!class.matches(""));
}

/// Every character class of the model against the `regex` crate on every
/// Unicode scalar value: one search per class over a string of all of them.
#[test]
fn every_class_agrees_with_regex_on_every_scalar_value() {
    let all: String = (0..=0x10_FFFFu32).filter_map(char::from_u32).collect();
    assert_eq!(all.chars().count(), 1_112_064);
    let mut seen: Vec<(bool, &[ClassItem])> = Vec::new();
    for p in model::patterns() {
        let Some(class) = &p.class else { continue };
        // Classes that differ only in anchors, quantifier or spelling are
        // checked once.
        if seen.contains(&(class.negated, class.items)) {
            continue;
        }
        seen.push((class.negated, class.items));
        // The translated source is `^(?:` [^] `[...]` `+` or `*` [$] `)$`.
        let body = p.regex.strip_prefix("^(?:").unwrap();
        let body = body.strip_suffix(")$").unwrap();
        let body = if class.anchored {
            body.strip_prefix('^').unwrap().strip_suffix('$').unwrap()
        } else {
            body
        };
        let one = body
            .strip_suffix(if class.one_or_more { '+' } else { '*' })
            .unwrap();
        let re = regex::Regex::new(one).unwrap();
        let mut matches = re.find_iter(&all).map(|m| m.start()).peekable();
        let mut wrong = Vec::new();
        for (i, c) in all.char_indices() {
            let theirs = matches.next_if_eq(&i).is_some();
            if class.contains(c) != theirs && wrong.len() < 10 {
                wrong.push(c);
            }
        }
        assert!(wrong.is_empty(), "{:?} disagrees on {wrong:?}", p.printed);
    }
    assert!(seen.len() >= 15, "{} distinct classes", seen.len());
}

#[test]
fn structures_fit_a_64_bit_member_set_and_token_operations_are_counted() {
    // A walker may track the members seen in a u64 (documented on
    // `Kind::Structure`).
    let widest = model::shapes()
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Structure { members } => Some(members.len()),
            _ => None,
        })
        .max()
        .unwrap();
    assert!(widest <= 64, "{widest}");
    // Reference section 1 counts 25 operations taking a TokenModelType member
    // in the 2026-07 model; botocore 1.44.8 has more operations.
    let token = model::shape("TokenModelType").unwrap();
    let with_token = model::operations()
        .iter()
        .filter(|o| match o.input.def().kind {
            Kind::Structure { members } => members.iter().any(|m| m.shape == token),
            _ => false,
        })
        .count();
    assert!((25..=40).contains(&with_token), "{with_token}");
    let update = member("UpdateUserAttributes", "AccessToken");
    assert_eq!(update.shape, token);
}

#[test]
fn the_free_lookup_is_the_method() {
    let op = model::operation("SignUp").unwrap();
    assert!(std::ptr::eq(op, OperationDef::from_name("SignUp").unwrap()));
    assert!(model::operation("NoSuchOperation").is_none());
}

/// The tables behind the real answers of reference section 2.
#[test]
fn tables_behind_the_reference_answers() {
    // `Value 'phone_number_verified' at 'schema.1.member.name' …: Member must
    // have length less than or equal to 20` (CreateUserPool, aws-cdk#14699).
    let schema = member("CreateUserPool", "Schema");
    assert_eq!(schema.aws_name, "schema");
    let item = schema.shape.list_item();
    let Kind::Structure { members } = item.def().kind else {
        panic!()
    };
    let name = members.iter().find(|m| m.name == "Name").unwrap();
    assert_eq!(name.aws_name, "name");
    assert_eq!(string(name.shape).0, len(Some(1), Some(20)));
    // `Value ' ap-northeast-1_xxx' at 'userPoolId' … [\w-]+_[0-9a-zA-Z]+`
    // (ListGroups, aws/aws-sdk-js#3344): printed, with the model's pattern.
    let pool = member("ListGroups", "UserPoolId");
    assert!(pool.shown && pool.required);
    assert_eq!(string(pool.shape).1, Some(r"[\w-]+_[0-9a-zA-Z]+"));
    // `Value at 'username' … [\p{L}\p{M}\p{S}\p{N}\p{P}]+` (AdminAddUserToGroup,
    // boto/boto3#2951): hidden.
    let username = member("AdminAddUserToGroup", "Username");
    assert!(!username.shown);
    assert_eq!(
        string(username.shape).1,
        Some(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+")
    );
    // `userAttributeNames.1.member`: a list of attribute names.
    assert_eq!(
        member("DeleteUserAttributes", "UserAttributeNames").aws_name,
        "userAttributeNames"
    );
}
