// SPDX-License-Identifier: MIT
#include "core/storage/s3download.h"
