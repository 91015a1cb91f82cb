//! Shops: storefronts of a tenant on the e-commerce platforms.

use super::names::named_enum;

named_enum!(
    /// The platforms kefu knows a shop on.
    Platform {
        /// 淘宝
        Taobao = "taobao",
        /// 天猫
        Tmall = "tmall",
        /// 京东
        Jd = "jd",
        /// 抖音
        Douyin = "douyin",
        /// 拼多多
        Pinduoduo = "pinduoduo",
        Other = "other",
    }
);

/// Longest shop name we keep.
pub const NAME_MAX: usize = 100;
/// Longest platform-side shop id we keep.
pub const EXTERNAL_ID_MAX: usize = 64;

/// A storefront of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shop {
    pub id: super::ShopId,
    pub tenant_id: super::TenantId,
    pub platform: Platform,
    pub name: String,
    /// The shop's id on its platform (e.g. a Tmall seller id), where it has one.
    pub external_id: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// What a new shop needs; each field already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShop {
    pub platform: Platform,
    pub name: String,
    pub external_id: Option<String>,
}

/// A change to a shop: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopChanges {
    pub platform: Option<Platform>,
    pub name: Option<String>,
    pub external_id: Option<Option<String>>,
}
