"""Drives `cognito-validate serve` in front of moto with boto3.

Usage: driver.py PROXY_URL MOTO_URL [TOKEN_PROXY_URL]

TOKEN_PROXY_URL, when given, is a second proxy run with `--jwks` set to
moto's JWKS URL: the token checks run through it.

The driver creates an IAM user and its key in moto, then switches moto's
signature checks on (`/moto-api/reset-auth`) for the signed admin calls: a
call that succeeds through the proxy then proves the proxy kept the SigV4
signature valid. (They are off for the rest: moto wants a signature on
UpdateUserAttributes too, which botocore sends unsigned, as the service
expects.)

Prints `ok <check>` for each check that passed and `secret <text>` for every
secret used (tokens, passwords, attribute values), so that the caller can
search the proxy's log for them. Exits non-zero at the first failure.
"""

import base64
import json
import sys
import time
import urllib.request

import boto3
import botocore
from botocore.config import Config

PROXY, MOTO = sys.argv[1], sys.argv[2]
TOKEN_PROXY = sys.argv[3] if len(sys.argv) > 3 else None
REGION = "eu-west-1"
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service, url, key="testing", secret="testing"):
    return boto3.client(
        service,
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=CONFIG,
    )


def ok(name):
    print(f"ok {name}", flush=True)


def secret(text):
    print(f"secret {text}", flush=True)


def moto_auth(on):
    """Switches moto's SigV4 and IAM checks on or off."""
    body = b"0" if on else b"inf"
    with urllib.request.urlopen(urllib.request.Request(f"{MOTO}/moto-api/reset-auth", data=body, headers={"Content-Type": "text/plain"})) as r:
        assert r.status == 200, r.status


def attrs(user):
    return {a["Name"]: a["Value"] for a in user.get("UserAttributes", user.get("Attributes", []))}


def strip(answer):
    answer = dict(answer)
    answer.pop("ResponseMetadata", None)
    return answer


# An IAM user allowed everything, and its key.
iam = client("iam", MOTO)
iam.create_user(UserName="gateway-test")
key = iam.create_access_key(UserName="gateway-test")["AccessKey"]
iam.put_user_policy(
    UserName="gateway-test",
    PolicyName="all",
    PolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
)
KEY, SECRET = key["AccessKeyId"], key["SecretAccessKey"]
secret(SECRET)

direct = client("cognito-idp", MOTO, KEY, SECRET)
proxied = client("cognito-idp", PROXY, KEY, SECRET)
anonymous = client("cognito-idp", PROXY)  # token and client-id operations need no key

pool = direct.create_user_pool(PoolName="gateway-test")["UserPool"]["Id"]
app = direct.create_user_pool_client(
    UserPoolId=pool,
    ClientName="app",
    ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]["ClientId"]
PASSWORD = "Secret-Pa55word!"
secret(PASSWORD)
direct.admin_create_user(UserPoolId=pool, Username="ada", MessageAction="SUPPRESS")
direct.admin_set_user_password(UserPoolId=pool, Username="ada", Password=PASSWORD, Permanent=True)
auth = anonymous.initiate_auth(
    ClientId=app,
    AuthFlow="USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD},
)["AuthenticationResult"]
token, id_token = auth["AccessToken"], auth["IdToken"]
secret(token)
secret(id_token)
ok("setup")

# Valid UpdateUserAttributes (token) through the proxy takes effect.
NICK = "nick-Ωμέγα-SECRETVALUE"
secret(NICK)
anonymous.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "nickname", "Value": NICK}])
assert attrs(direct.admin_get_user(UserPoolId=pool, Username="ada"))["nickname"] == NICK
ok("update-user-attributes-valid")

# Signed calls, with moto checking every signature.
moto_auth(True)
# A signature moto refuses: proves that moto checks what the proxy forwards.
try:
    client("cognito-idp", PROXY, KEY, "wrong" + SECRET).admin_get_user(UserPoolId=pool, Username="ada")
    raise AssertionError("moto accepted a bad signature: the SigV4 checks below prove nothing")
except botocore.exceptions.ClientError as e:
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] in (400, 403), e.response
ok("moto-checks-signatures")

# Valid AdminUpdateUserAttributes, SigV4-signed for the proxy's address.
ADMIN_VALUE = "admin-SECRETVALUE"
secret(ADMIN_VALUE)
proxied.admin_update_user_attributes(
    UserPoolId=pool, Username="ada", UserAttributes=[{"Name": "given_name", "Value": ADMIN_VALUE}]
)
assert attrs(direct.admin_get_user(UserPoolId=pool, Username="ada"))["given_name"] == ADMIN_VALUE
ok("admin-update-user-attributes-signed")

moto_auth(False)

# SignUp through the proxy creates the user.
SIGNUP_PASSWORD = "An0ther-Pa55word!"
secret(SIGNUP_PASSWORD)
anonymous.sign_up(
    ClientId=app,
    Username="grace",
    Password=SIGNUP_PASSWORD,
    UserAttributes=[{"Name": "email", "Value": "grace@example.com"}],
)
assert attrs(direct.admin_get_user(UserPoolId=pool, Username="grace"))["email"] == "grace@example.com"
ok("sign-up")

# Invalid UpdateUserAttributes: botocore's modeled error, the exact message,
# and moto untouched.
before = direct.admin_get_user(UserPoolId=pool, Username="ada")
LONG_NAME = "custom:" + "x" * 30  # 37 characters: more than 32
BAD_VALUE = "bad-SECRETVALUE"
secret(BAD_VALUE)
try:
    anonymous.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": LONG_NAME, "Value": BAD_VALUE}])
    raise AssertionError("the proxy let a 37-character name through")
except anonymous.exceptions.InvalidParameterException as e:
    assert e.response["Error"]["Code"] == "InvalidParameterException", e.response
    assert e.response["Error"]["Message"] == (
        f"1 validation error detected: Value '{LONG_NAME}' at 'userAttributes.1.member.name' "
        "failed to satisfy constraint: Member must have length less than or equal to 32"
    ), e.response["Error"]["Message"]
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert len(e.response["ResponseMetadata"]["RequestId"]) == 36
after = direct.admin_get_user(UserPoolId=pool, Username="ada")
assert strip(after) == strip(before), (after, before)
ok("update-user-attributes-invalid")

# The same request straight to moto is accepted: it is the proxy that refused.
direct.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": LONG_NAME, "Value": BAD_VALUE}])
assert attrs(direct.admin_get_user(UserPoolId=pool, Username="ada"))[LONG_NAME] == BAD_VALUE
ok("moto-alone-accepts-it")

# Other operations come back exactly as moto answers them.
assert strip(anonymous.get_user(AccessToken=token)) == strip(direct.get_user(AccessToken=token))
assert strip(proxied.list_user_pools(MaxResults=10)) == strip(direct.list_user_pools(MaxResults=10))
ok("pass-through-identical")

# An error moto itself answers (an unknown user) comes back as moto's error.
for c in (proxied, direct):
    try:
        c.admin_get_user(UserPoolId=pool, Username="nobody")
        raise AssertionError("moto found a user that does not exist")
    except c.exceptions.UserNotFoundException as e:
        last = e.response["Error"]
ok("upstream-errors-pass-through")

if TOKEN_PROXY:
    from joserfc import jwk, jwt
    from moto.utilities.utils import load_resource

    checked = client("cognito-idp", TOKEN_PROXY)

    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    def claims(jwt_text):
        part = jwt_text.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    # moto signs with this key (its resources/jwks-private.json); the JWKS
    # the proxy fetched holds its public half.
    moto_key = jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))
    expired_claims = dict(claims(token), iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    expired = jwt.encode({"kid": "dummy", "alg": "RS256"}, expired_claims, moto_key)
    head, _, sig = token.split(".")
    tampered = ".".join([head, b64(json.dumps(dict(claims(token), username="grace")).encode()), sig])
    for t in (expired, tampered):
        secret(t)

    # moto's own token passes the pre-check and takes effect.
    checked.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "nickname", "Value": "checked"}])
    assert attrs(direct.admin_get_user(UserPoolId=pool, Username="ada"))["nickname"] == "checked"
    ok("token-valid")

    before = direct.admin_get_user(UserPoolId=pool, Username="ada")
    for name, bad, message in [
        ("token-expired", expired, "Access Token has expired"),
        ("token-tampered", tampered, "Could not verify signature for Access Token"),
        ("token-wrong-use", id_token, "Invalid Access Token"),
    ]:
        try:
            checked.update_user_attributes(AccessToken=bad, UserAttributes=[{"Name": "nickname", "Value": name}])
            raise AssertionError(f"{name}: the proxy let the token through")
        except checked.exceptions.NotAuthorizedException as e:
            assert e.response["Error"]["Message"] == message, (name, e.response["Error"])
            assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        ok(name)
    assert strip(direct.admin_get_user(UserPoolId=pool, Username="ada")) == strip(before)
    ok("tokens-refused-leave-moto-untouched")
