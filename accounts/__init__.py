"""Accounts: people, roles and passports, passwords as argon2 hashes, sign-in and tokens, and the operator's `users`
command."""
