"""The password hasher of the test suite.

Production hashes with Django's PBKDF2 at its full iteration count, which is meant to
take a noticeable fraction of a second: the suite creates and logs in hundreds of users,
so there it is the same algorithm, storage format and checks at one iteration.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1
