"""Password hashing with argon2id (argon2-cffi) and the password policy.

Only hashes reach the database. A sign-in for an unknown account still verifies against a dummy
hash, so the time taken does not tell whether the account exists.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from riskframe.i18n import _
from riskframe.store.errors import InvalidInput

MAX_LENGTH = 1024  # argon2 takes any length; a bound keeps a hostile form from costing much
HIDDEN = "(hidden)"  # what an error shows instead of the password

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; False for a mismatch, a corrupt hash or no hash at all."""
    if not password_hash:
        burn_time(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's defaults."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def burn_time(password: str) -> None:
    """Spend the time of one verification (for unknown or password-less accounts)."""
    try:
        _hasher.verify(_dummy_hash(), password or "")
    except (VerificationError, InvalidHashError):
        pass


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("riskframe-no-such-account")


def check_policy(password: object, username: str, min_length: int) -> str:
    """The password if acceptable, else InvalidInput naming the rule (never the password)."""
    if not isinstance(password, str):
        raise InvalidInput("password", HIDDEN, _("must be text"))
    if len(password) < min_length:
        raise InvalidInput("password", HIDDEN, _("must have at least {min_length} characters").format(min_length=min_length))
    if len(password) > MAX_LENGTH:
        raise InvalidInput("password", HIDDEN, _("must have at most {MAX_LENGTH} characters").format(MAX_LENGTH=MAX_LENGTH))
    if not password.strip():
        raise InvalidInput("password", HIDDEN, _("must not be only spaces"))
    if password.strip().lower() == username.strip().lower():
        raise InvalidInput("password", HIDDEN, _("must not be the username"))
    return password
