//! Accounts a person looks after themselves: the owner invites someone, who
//! chooses their password through a single-use link; someone who forgot it
//! gets a link to choose another; someone signed in changes theirs. Links go
//! out through the outbox and are stored only as hashes.

use chrono::Utc;

use super::users::{UserView, hash, require_vendor};
use super::{App, AppError, AppResult, Caller, outbox};
use crate::auth::password::{self, NOT_CHOSEN, NewPassword};
use crate::auth::session::SessionKey;
use crate::catalogue::Language;
use crate::domain::account::LinkPurpose;
use crate::domain::mail::Subject;
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{Assignment, EmailAddress, Permission, Role, TenantId, User, VendorId, user};
use crate::store::{self, DbConnection, outbox::NewMail, users::NewUser};

/// Whom the owner invites, and in which language the invitation is written.
#[derive(Debug)]
pub struct Invitation {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Required for, and only for, the `vendor` role.
    pub vendor_id: Option<i64>,
    pub language: Language,
}

/// Adds a person to the tenant without a password (owner only) and mails
/// them a link, good for 72 hours, to choose one.
pub async fn invite(app: &App, caller: Caller, invitation: Invitation) -> AppResult<UserView> {
    invite_with(app, caller, Permission::ManageUsers, invitation).await
}

/// Invites a vendor's account manager: a `vendor` user bound to that vendor,
/// by those who onboard vendors (the owner or a manager). Whatever role was
/// asked for, the invited person is a vendor user; an offboarded vendor gets
/// no new users.
pub async fn invite_vendor_user(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    invitation: Invitation,
) -> AppResult<UserView> {
    let invitation = Invitation {
        role: Role::Vendor,
        vendor_id: Some(vendor.get()),
        ..invitation
    };
    invite_with(app, caller, Permission::WriteVendors, invitation).await
}

async fn invite_with(
    app: &App,
    caller: Caller,
    permission: Permission,
    invitation: Invitation,
) -> AppResult<UserView> {
    let mut errors = Violations::default();
    let email = errors.check("email", EmailAddress::parse(&invitation.email));
    let name = errors.check(
        "display_name",
        parse_text(&invitation.display_name, user::DISPLAY_NAME_MAX),
    );
    let assignment = errors.check(
        "vendor_id",
        Assignment::new(invitation.role, invitation.vendor_id.map(VendorId::new)),
    );
    let (email, name, assignment) = errors.finish(|| Some((email?, name?, assignment?)))?;
    let public_url = app.public_url.clone();
    let user = app
        .write(caller, permission, move |conn, auth| {
            if permission != Permission::ManageUsers && assignment.vendor().is_none() {
                // Only the owner gives any other role.
                return Err(AppError::Forbidden);
            }
            require_vendor(conn, auth.scope, assignment.vendor())?;
            let new = NewUser {
                email: &email,
                display_name: &name,
                password_hash: NOT_CHOSEN,
                assignment,
            };
            let user = store::users::create(conn, auth.tenant(), new)?;
            let link = Link::new(&public_url, auth.tenant(), LinkPurpose::Invitation);
            link.send(conn, &user, invitation.language, auth.user_id())?;
            Ok(user)
        })
        .await?;
    outbox::wake(app);
    tracing::info!(user = %user.id, "user invited");
    Ok(user.into())
}

/// Mails a link, good for 30 minutes, to choose a new password — when the
/// address belongs to an active user, and no link went to it in the last
/// minute. Says nothing of which: the answer is the same for any address.
pub async fn request_reset(app: &App, email: &str, language: Language) -> AppResult<()> {
    let email = EmailAddress::parse(email).map_err(|e| AppError::invalid("email", e))?;
    let public_url = app.public_url.clone();
    let sent = app
        .transaction(move |conn| {
            let Some((user, _)) = store::users::find_for_login(conn, &email)? else {
                return Ok(false);
            };
            let purpose = LinkPurpose::PasswordReset;
            let recent =
                store::account_tokens::newest_open(conn, user.tenant_id, user.id, purpose)?
                    .is_some_and(|made| Utc::now() - made < chrono::Duration::seconds(60));
            if !user.is_active() || recent {
                return Ok(false);
            }
            let link = Link::new(&public_url, user.tenant_id, purpose);
            link.send(conn, &user, language, None)?;
            Ok(true)
        })
        .await?;
    if sent {
        outbox::wake(app);
    }
    Ok(())
}

/// Who a link is for, shown on the page where they choose their password.
#[derive(Debug)]
pub struct LinkHolder {
    pub email: String,
    pub display_name: String,
}

/// The person an open link is for; not found once it is used or expired.
pub async fn open_link(app: &App, purpose: LinkPurpose, key: SessionKey) -> AppResult<LinkHolder> {
    app.db(move |conn| {
        let user = holder(conn, purpose, &key)?;
        Ok(LinkHolder {
            email: user.email.to_string(),
            display_name: user.display_name,
        })
    })
    .await
}

/// Sets the password a link's holder chose, closes their links, and ends
/// every session they had (whoever had their old password is out).
pub async fn choose_password(
    app: &App,
    purpose: LinkPurpose,
    key: SessionKey,
    password: &str,
) -> AppResult<()> {
    let password = NewPassword::parse(password).map_err(|e| AppError::invalid("password", e))?;
    let hash = hash(password).await?;
    let user = app
        .transaction(move |conn| {
            let user = holder(conn, purpose, &key)?;
            store::users::set_password_hash(conn, user.tenant_id, user.id, &hash)?;
            for purpose in [LinkPurpose::Invitation, LinkPurpose::PasswordReset] {
                store::account_tokens::close_all(conn, user.tenant_id, user.id, purpose)?;
            }
            store::web_sessions::delete_for_user(conn, user.tenant_id, user.id)?;
            Ok(user)
        })
        .await?;
    tracing::info!(user = %user.id, purpose = purpose.as_str(), "password chosen through a link");
    Ok(())
}

/// Changes the signed-in person's password, once their current one checks
/// out; their other sessions end, the one they changed it from goes on.
pub async fn change_password(
    app: &App,
    caller: Caller,
    current: String,
    new: &str,
) -> AppResult<()> {
    let new = NewPassword::parse(new).map_err(|e| AppError::invalid("new_password", e))?;
    let kept = match &caller {
        Caller::Session(key, _) => Some(key.hash()),
        _ => None,
    };
    let (tenant, user, stored) = app
        .read(caller, Permission::ReadSelf, |conn, auth| {
            let user = auth.user_id().ok_or(AppError::Forbidden)?;
            let stored = store::users::password_hash(conn, auth.tenant(), user)?;
            Ok((auth.tenant(), user, stored))
        })
        .await?;
    let matches =
        tokio::task::spawn_blocking(move || password::verify(&current, Some(stored.as_str())))
            .await
            .map_err(AppError::internal)?;
    if !matches {
        return Err(AppError::invalid(
            "current_password",
            msg!("error-not-current-password"),
        ));
    }
    let hash = hash(new).await?;
    app.transaction(move |conn| {
        store::users::set_password_hash(conn, tenant, user, &hash)?;
        match &kept {
            Some(kept) => store::web_sessions::delete_others(conn, tenant, user, kept)?,
            None => store::web_sessions::delete_for_user(conn, tenant, user)?,
        };
        Ok(())
    })
    .await?;
    tracing::info!(user = %user, "password changed");
    Ok(())
}

/// The active user an open link of `purpose` is for.
fn holder(conn: &mut DbConnection, purpose: LinkPurpose, key: &SessionKey) -> AppResult<User> {
    let (user, link) =
        store::account_tokens::find(conn, key.tenant(), &key.hash())?.ok_or(AppError::NotFound)?;
    if link.purpose != purpose || !link.is_open(Utc::now()) {
        return Err(AppError::NotFound);
    }
    let user = store::users::get(conn, key.tenant(), user)?;
    if !user.is_active() {
        return Err(AppError::NotFound);
    }
    Ok(user)
}

/// A new single-use link, before it is stored and mailed.
struct Link {
    key: SessionKey,
    purpose: LinkPurpose,
    address: String,
}

impl Link {
    fn new(public_url: &str, tenant: TenantId, purpose: LinkPurpose) -> Self {
        let key = SessionKey::generate(tenant);
        let path = match purpose {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::PasswordReset => "reset",
        };
        let address = format!("{public_url}/account/{path}/{}", key.cookie_value());
        Self {
            key,
            purpose,
            address,
        }
    }

    /// Stores the link's hash and queues its mail, in the caller's transaction.
    fn send(
        self,
        conn: &mut DbConnection,
        user: &User,
        language: Language,
        requested_by: Option<crate::domain::UserId>,
    ) -> AppResult<()> {
        let hash = self.key.hash();
        let expires = Utc::now()
            + chrono::Duration::from_std(self.purpose.validity()).map_err(AppError::internal)?;
        store::account_tokens::create(conn, user.tenant_id, &hash, user.id, self.purpose, expires)?;
        let subject = Subject::Account {
            user: user.id,
            purpose: self.purpose,
            link: Some(self.address),
        };
        store::outbox::enqueue(
            conn,
            user.tenant_id,
            NewMail {
                subject: &subject,
                request_key: &format!("{}:{hash}", self.purpose.as_str()),
                to: &[user.email.to_string()],
                cc: &[],
                language: language.tag(),
                requested_by,
            },
        )?;
        Ok(())
    }
}
