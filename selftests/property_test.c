// SPDX-License-Identifier: GPL-2.0
/* zx_object_get_property() and zx_object_set_property(): ZX_PROP_NAME. */
#include "zx_test.h"

#include <sys/prctl.h>

#define LONG_NAME "0123456789abcdefghijklmnopqrstuvwxyzABCDEF"

static void get_name(struct __test_metadata *_metadata, zx_handle_t h,
		     char name[ZX_MAX_NAME_LEN])
{
	memset(name, 0xa5, ZX_MAX_NAME_LEN);
	ASSERT_ZX_OK(zx_object_get_property(h, ZX_PROP_NAME, name,
					    ZX_MAX_NAME_LEN));
	/* Always NUL-terminated within the buffer. */
	ASSERT_NE(NULL, memchr(name, '\0', ZX_MAX_NAME_LEN));
}

static void set_name(struct __test_metadata *_metadata, zx_handle_t h,
		     const char *name)
{
	ASSERT_ZX_OK(zx_object_set_property(h, ZX_PROP_NAME, name,
					    strlen(name)));
}

/* This process's comm, as Linux keeps it (at most 15 characters). */
static void read_comm(struct __test_metadata *_metadata, char *comm,
		      size_t size)
{
	ASSERT_EQ(0, prctl(PR_GET_NAME, comm, 0, 0, 0));
	comm[size - 1] = '\0';
}

TEST(process_default_name_is_comm)
{
	char comm[32] = "", name[ZX_MAX_NAME_LEN], expect[16];

	read_comm(_metadata, comm, sizeof(comm));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ(comm, name);
	/* And that is the program's name, cut to Linux's 15 characters. */
	snprintf(expect, sizeof(expect), "%s", program_invocation_short_name);
	EXPECT_STREQ(expect, name);
}

TEST(process_name_is_comm_at_first_use)
{
	char name[ZX_MAX_NAME_LEN];

	/* This test process has not talked to zircon.ko yet. */
	ASSERT_EQ(0, prctl(PR_SET_NAME, "zx-renamed", 0, 0, 0));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("zx-renamed", name);
}

TEST(set_then_get)
{
	char name[ZX_MAX_NAME_LEN];

	set_name(_metadata, zx_process_self(), "my process");
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("my process", name);
	set_name(_metadata, zx_process_self(), "x");
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("x", name);
}

TEST(name_belongs_to_the_object_not_the_handle)
{
	zx_handle_t dup = zxt_dup(_metadata, zx_process_self(),
				  ZX_RIGHT_SAME_RIGHTS);
	char name[ZX_MAX_NAME_LEN];

	set_name(_metadata, dup, "through the dup");
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("through the dup", name);
	EXPECT_ZX_OK(zx_handle_close(dup));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("through the dup", name);
}

TEST(long_name_is_truncated_to_31_characters)
{
	char name[ZX_MAX_NAME_LEN];

	ASSERT_GT(strlen(LONG_NAME), ZX_MAX_NAME_LEN);
	set_name(_metadata, zx_process_self(), LONG_NAME);
	get_name(_metadata, zx_process_self(), name);
	EXPECT_EQ(ZX_MAX_NAME_LEN - 1, strlen(name));
	EXPECT_EQ(0, memcmp(name, LONG_NAME, ZX_MAX_NAME_LEN - 1));
	EXPECT_EQ('\0', name[ZX_MAX_NAME_LEN - 1]);
}

TEST(name_of_exactly_31_characters_is_kept)
{
	char want[ZX_MAX_NAME_LEN], name[ZX_MAX_NAME_LEN];

	memcpy(want, LONG_NAME, ZX_MAX_NAME_LEN - 1);
	want[ZX_MAX_NAME_LEN - 1] = '\0';
	set_name(_metadata, zx_process_self(), want);
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ(want, name);
}

TEST(value_size_bounds_the_name)
{
	char name[ZX_MAX_NAME_LEN];

	set_name(_metadata, zx_process_self(), "a rather long name");
	/* Only value_size bytes count; the old name leaves nothing behind. */
	ASSERT_ZX_OK(zx_object_set_property(zx_process_self(), ZX_PROP_NAME,
					    "abcdef", 3));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("abc", name);
	ASSERT_ZX_OK(zx_object_set_property(zx_process_self(), ZX_PROP_NAME,
					    "ignored", 0));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("", name);
}

TEST(get_buffer_too_small)
{
	char name[ZX_MAX_NAME_LEN * 2];

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					 name, ZX_MAX_NAME_LEN - 1));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					 name, 1));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					 NULL, 0));
	/* A bigger buffer is fine. */
	EXPECT_ZX_OK(zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					    name, sizeof(name)));
}

TEST(get_needs_get_property_right)
{
	zx_handle_t h = zxt_dup(_metadata, zx_process_self(),
				ZX_DEFAULT_PROCESS_RIGHTS &
				~ZX_RIGHT_GET_PROPERTY);
	char name[ZX_MAX_NAME_LEN];

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_property(h, ZX_PROP_NAME, name, sizeof(name)));
	/* SET_PROPERTY alone is enough to set. */
	EXPECT_ZX_OK(zx_object_set_property(h, ZX_PROP_NAME, "set", 3));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("set", name);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(set_needs_set_property_right)
{
	zx_handle_t h = zxt_dup(_metadata, zx_process_self(),
				ZX_DEFAULT_PROCESS_RIGHTS &
				~ZX_RIGHT_SET_PROPERTY);
	char name[ZX_MAX_NAME_LEN];

	set_name(_metadata, zx_process_self(), "before");
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_set_property(h, ZX_PROP_NAME, "after", 5));
	get_name(_metadata, h, name);
	EXPECT_STREQ("before", name);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(events_and_eventpairs_lack_property_rights)
{
	zx_handle_t ev = zxt_event(_metadata);
	zx_handle_t a, b;
	char name[ZX_MAX_NAME_LEN];

	zxt_eventpair(_metadata, &a, &b);
	/* Their default rights carry neither property right. */
	ASSERT_EQ(0u, ZX_DEFAULT_EVENT_RIGHTS & ZX_RIGHTS_PROPERTY);
	ASSERT_EQ(0u, ZX_DEFAULT_EVENTPAIR_RIGHTS & ZX_RIGHTS_PROPERTY);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_property(ev, ZX_PROP_NAME, name, sizeof(name)));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_set_property(ev, ZX_PROP_NAME, "ev", 2));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_property(a, ZX_PROP_NAME, name, sizeof(name)));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_set_property(b, ZX_PROP_NAME, "ep", 2));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(unknown_property_is_not_supported)
{
	char buf[64] = "value";

	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_property(zx_process_self(), 0x7777, buf,
					 sizeof(buf)));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_set_property(zx_process_self(), 0x7777, buf,
					 sizeof(buf)));
}

TEST(bad_value_pointer)
{
	char name[ZX_MAX_NAME_LEN];

	set_name(_metadata, zx_process_self(), "unchanged");
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					 ZXT_BAD_PTR, ZX_MAX_NAME_LEN));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					 NULL, ZX_MAX_NAME_LEN));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_set_property(zx_process_self(), ZX_PROP_NAME,
					 ZXT_BAD_PTR, 8));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_set_property(zx_process_self(), ZX_PROP_NAME,
					 NULL, 8));
	get_name(_metadata, zx_process_self(), name);
	EXPECT_STREQ("unchanged", name);
}

TEST(bad_handle)
{
	char name[ZX_MAX_NAME_LEN] = "name";

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_property(ZXT_BOGUS_HANDLE, ZX_PROP_NAME, name,
					 sizeof(name)));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_set_property(ZXT_BOGUS_HANDLE, ZX_PROP_NAME, name,
					 4));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_property(ZX_HANDLE_INVALID, ZX_PROP_NAME,
					 name, sizeof(name)));
}

TEST(property_calls_release_the_object)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	char name[ZX_MAX_NAME_LEN];

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_property(ev, ZX_PROP_NAME, name, sizeof(name)));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_set_property(ev, ZX_PROP_NAME, "x", 1));
	ASSERT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN
