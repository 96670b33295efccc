//! The domain's ids bind and read as the BIGINT they are stored as, so queries take and return
//! them without unwrapping.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

use crate::domain::ids::{AnswerId, ConsultationId, PartnerId, QuestionId, StaffId};

macro_rules! stored_as_bigint {
    ($($id:ty),+) => {$(
        impl Type<Any> for $id {
            fn type_info() -> <Any as Database>::TypeInfo {
                <i64 as Type<Any>>::type_info()
            }

            fn compatible(ty: &<Any as Database>::TypeInfo) -> bool {
                <i64 as Type<Any>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Any> for $id {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <i64 as Encode<'q, Any>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r> Decode<'r, Any> for $id {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                <i64 as Decode<'r, Any>>::decode(value).map(Self)
            }
        }
    )+};
}

stored_as_bigint!(AnswerId, ConsultationId, PartnerId, QuestionId, StaffId);
