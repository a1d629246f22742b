"""Sending the mail of accounts (invitations, password resets): by SMTP when configured.

Without ``JEJARING_SMTP_HOST`` the message is written to the log instead: in development in
full (so that a developer can follow the link), elsewhere without its body, which holds a
secret that a log must not.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from jejaring.config import Settings

__all__ = ["Mail", "send"]

log = logging.getLogger("jejaring.mail")


@dataclass(frozen=True)
class Mail:
    """One message to one address."""

    to: str
    subject: str
    body: str


def send(settings: Settings, mail: Mail) -> None:
    if not settings.smtp_host:
        if settings.environment == "development":
            log.warning("mail to %s: %s\n%s", mail.to, mail.subject, mail.body)
        else:
            log.warning("mail to %s not sent (no SMTP host configured): %s", mail.to, mail.subject)
        return
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_sender, mail.to, mail.subject
    message.set_content(mail.body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        # The request that caused the mail has been answered already (and must not tell whether
        # an account exists), so a failure is the operator's to see in the log.
        log.exception("mail to %s could not be sent", mail.to)
