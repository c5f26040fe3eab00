// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the handle table, rights reduction and the object base (signals,
 * observers, cancellation on close, peer-closed on last handle).
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "zircon.h"

struct test_obj {
	struct zx_object base;
	int *destroyed;
};

static void test_obj_destroy(struct zx_object *obj)
{
	struct test_obj *t = container_of(obj, struct test_obj, base);

	if (t->destroyed)
		(*t->destroyed)++;
	kfree(t);
}

static const struct zx_object_type test_event_type = {
	.obj_type = ZX_OBJ_TYPE_EVENT,
	.default_rights = ZX_DEFAULT_EVENT_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = test_obj_destroy,
};

static const struct zx_object_type test_pair_type = {
	.obj_type = ZX_OBJ_TYPE_EVENTPAIR,
	.default_rights = ZX_DEFAULT_EVENTPAIR_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.peered = true,
	.peer_closed_set = ZX_EVENTPAIR_PEER_CLOSED,
	.destroy = test_obj_destroy,
};

static struct zx_object *test_obj_new(struct kunit *test,
				      const struct zx_object_type *type,
				      int *destroyed)
{
	struct test_obj *t = kzalloc(sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	zx_object_init(&t->base, type);
	t->destroyed = destroyed;
	return &t->base;
}

/* A bare process context: only its handle table is used here. */
static struct zx_process *test_proc_new(struct kunit *test)
{
	struct zx_process *proc = kunit_kzalloc(test, sizeof(*proc),
						GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, proc);
	zx_handle_table_init(&proc->handles);
	return proc;
}

static zx_handle_t test_install(struct kunit *test, struct zx_process *proc,
				struct zx_object *obj, zx_rights_t rights)
{
	struct zx_handle *h = zx_handle_create(obj, rights);
	zx_handle_t value;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, zx_handle_install(proc, h, &value), ZX_OK);
	return value;
}

static void handle_values_have_fixed_bits_and_are_distinct(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	int destroyed = 0;
	struct zx_object *obj = test_obj_new(test, &test_event_type,
					     &destroyed);
	zx_handle_t *values;
	int i, j;

	values = kunit_kcalloc(test, 256, sizeof(*values), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, values);
	for (i = 0; i < 256; i++) {
		values[i] = test_install(test, proc, obj,
					 ZX_DEFAULT_EVENT_RIGHTS);
		KUNIT_EXPECT_NE(test, values[i], ZX_HANDLE_INVALID);
		KUNIT_EXPECT_EQ(test, values[i] & ZX_HANDLE_FIXED_BITS_MASK,
				ZX_HANDLE_FIXED_BITS_MASK);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, values[i], values[j]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&obj->handle_count), 256);
	zx_object_put(obj);
	KUNIT_EXPECT_EQ(test, destroyed, 0);
	zx_handle_table_close_all(&proc->handles);
	KUNIT_EXPECT_EQ(test, destroyed, 1);
}

static void closed_value_is_not_reused(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct zx_object *found;
	zx_handle_t first, second;

	first = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, first), ZX_OK);
	second = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_EXPECT_NE(test, first, second);
	KUNIT_EXPECT_EQ(test, zx_handle_lookup(proc, first, ZX_OBJ_TYPE_NONE,
					       0, &found, NULL),
			ZX_ERR_BAD_HANDLE);
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, first), ZX_ERR_BAD_HANDLE);
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, ZX_HANDLE_INVALID), ZX_OK);
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
}

/* The slot index a value names (values differ from it by the secret). */
static u32 test_index_bits(zx_handle_t a, zx_handle_t b)
{
	return ((a ^ b) >> 2) & ((1U << ZX_HANDLE_INDEX_BITS) - 1);
}

static void freed_slot_is_reused_with_a_new_generation(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	zx_handle_t *values, keep;
	int n = 1 << ZX_HANDLE_GEN_BITS, i, j;

	values = kunit_kcalloc(test, n, sizeof(*values), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, values);
	keep = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	/* Last freed, first reused: one slot, a new value every time. */
	for (i = 0; i < n; i++) {
		values[i] = test_install(test, proc, obj,
					 ZX_DEFAULT_EVENT_RIGHTS);
		KUNIT_ASSERT_EQ(test, zx_handle_close(proc, values[i]), ZX_OK);
		KUNIT_EXPECT_EQ(test, test_index_bits(values[0], values[i]), 0u);
		KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, values[0]));
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, values[i], values[j]);
	KUNIT_EXPECT_NE(test, test_index_bits(values[0], keep), 0u);
	KUNIT_EXPECT_TRUE(test, zx_handle_valid(proc, keep));
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
}

static void table_grows_by_chunks_and_reuses_last_freed(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	int destroyed = 0;
	struct zx_object *obj = test_obj_new(test, &test_event_type,
					     &destroyed);
	enum { N = 600 };	/* more than two chunks of slots */
	zx_handle_t *values, again;
	int i;

	values = kunit_kcalloc(test, N, sizeof(*values), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, values);
	for (i = 0; i < N; i++)
		values[i] = test_install(test, proc, obj,
					 ZX_DEFAULT_EVENT_RIGHTS);
	for (i = 0; i < N; i++)
		KUNIT_EXPECT_TRUE(test, zx_handle_valid(proc, values[i]));
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, values[10]), ZX_OK);
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, values[N - 1]), ZX_OK);
	again = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_EXPECT_EQ(test, test_index_bits(again, values[N - 1]), 0u);
	again = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_EXPECT_EQ(test, test_index_bits(again, values[10]), 0u);
	KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, values[10]));
	KUNIT_EXPECT_EQ(test, atomic_read(&obj->handle_count), N);
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
	KUNIT_EXPECT_EQ(test, destroyed, 1);
}

static void valid_rejects_what_names_no_handle(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	zx_handle_t value;

	KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, ZX_HANDLE_INVALID));
	value = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_EXPECT_TRUE(test, zx_handle_valid(proc, value));
	/* A slot whose chunk was never made, and missing fixed bits. */
	KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, value ^ (0x80000u << 2)));
	KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, value & ~1u));
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, value), ZX_OK);
	KUNIT_EXPECT_FALSE(test, zx_handle_valid(proc, value));
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
}

static void lookup_checks_type_then_rights(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct zx_object *found;
	zx_rights_t rights;
	zx_handle_t value;

	value = test_install(test, proc, obj, ZX_RIGHT_WAIT);
	KUNIT_EXPECT_EQ(test, zx_handle_lookup(proc, value,
					       ZX_OBJ_TYPE_CHANNEL,
					       ZX_RIGHT_SIGNAL, &found, NULL),
			ZX_ERR_WRONG_TYPE);
	KUNIT_EXPECT_EQ(test, zx_handle_lookup(proc, value, ZX_OBJ_TYPE_EVENT,
					       ZX_RIGHT_SIGNAL, &found, NULL),
			ZX_ERR_ACCESS_DENIED);
	KUNIT_ASSERT_EQ(test, zx_handle_lookup(proc, value, ZX_OBJ_TYPE_EVENT,
					       ZX_RIGHT_WAIT, &found, &rights),
			ZX_OK);
	KUNIT_EXPECT_PTR_EQ(test, found, obj);
	KUNIT_EXPECT_EQ(test, rights, (zx_rights_t)ZX_RIGHT_WAIT);
	zx_object_put(found);
	/* Values that never named a handle, or lack the fixed bits. */
	KUNIT_EXPECT_EQ(test, zx_handle_lookup(proc, value & ~1u,
					       ZX_OBJ_TYPE_NONE, 0, &found,
					       NULL),
			ZX_ERR_BAD_HANDLE);
	KUNIT_EXPECT_EQ(test, zx_handle_lookup(proc, value ^ 0x10000u,
					       ZX_OBJ_TYPE_NONE, 0, &found,
					       NULL),
			ZX_ERR_BAD_HANDLE);
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
}

static void values_mean_nothing_in_another_table(struct kunit *test)
{
	struct zx_process *a = test_proc_new(test);
	struct zx_process *b = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct zx_object *found;
	zx_handle_t value;
	int i;

	/* Give b a slot at every index a might use. */
	for (i = 0; i < 8; i++)
		test_install(test, b, obj, ZX_DEFAULT_EVENT_RIGHTS);
	value = test_install(test, a, obj, ZX_DEFAULT_EVENT_RIGHTS);
	if (a->handles.secret != b->handles.secret)
		KUNIT_EXPECT_EQ(test,
				zx_handle_lookup(b, value, ZX_OBJ_TYPE_NONE, 0,
						 &found, NULL),
				ZX_ERR_BAD_HANDLE);
	zx_object_put(obj);
	zx_handle_table_close_all(&a->handles);
	zx_handle_table_close_all(&b->handles);
}

static void rights_only_shrink(struct kunit *test)
{
	zx_rights_t out = 0;

	KUNIT_EXPECT_EQ(test, zx_rights_reduce(ZX_RIGHT_READ | ZX_RIGHT_WRITE,
					       ZX_RIGHT_SAME_RIGHTS, &out),
			ZX_OK);
	KUNIT_EXPECT_EQ(test, out, (zx_rights_t)(ZX_RIGHT_READ |
						 ZX_RIGHT_WRITE));
	KUNIT_EXPECT_EQ(test, zx_rights_reduce(ZX_RIGHT_READ | ZX_RIGHT_WRITE,
					       ZX_RIGHT_READ, &out),
			ZX_OK);
	KUNIT_EXPECT_EQ(test, out, (zx_rights_t)ZX_RIGHT_READ);
	KUNIT_EXPECT_EQ(test, zx_rights_reduce(ZX_RIGHT_READ, 0, &out), ZX_OK);
	KUNIT_EXPECT_EQ(test, out, (zx_rights_t)0);
	KUNIT_EXPECT_EQ(test, zx_rights_reduce(ZX_RIGHT_READ,
					       ZX_RIGHT_READ | ZX_RIGHT_WRITE,
					       &out),
			ZX_ERR_INVALID_ARGS);
}

struct test_observer {
	struct zx_observer ob;
	int matches;
	int cancels;
	zx_signals_t last;
};

static void test_on_match(struct zx_observer *ob, zx_signals_t signals)
{
	struct test_observer *t = container_of(ob, struct test_observer, ob);

	t->matches++;
	t->last = signals;
}

static void test_on_cancel(struct zx_observer *ob, zx_signals_t signals)
{
	struct test_observer *t = container_of(ob, struct test_observer, ob);

	t->cancels++;
	t->last = signals;
}

static void observers_fire_on_trigger_and_cancel_on_close(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct test_observer t = {
		.ob = {
			.trigger = ZX_USER_SIGNAL_1,
			.on_match = test_on_match,
			.on_cancel = test_on_cancel,
		},
	};
	struct zx_handle *h;
	zx_handle_t value;

	value = test_install(test, proc, obj, ZX_DEFAULT_EVENT_RIGHTS);
	/* As waits register: through a handle found under the table lock. */
	xa_lock(&proc->handles.slots);
	h = __zx_handle_find(proc, value);
	if (h)
		h->observed = true;
	xa_unlock(&proc->handles.slots);
	KUNIT_ASSERT_NOT_NULL(test, h);
	t.ob.handle = h;
	zx_object_add_observer(obj, &t.ob);
	KUNIT_EXPECT_EQ(test, t.matches, 0);

	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_0);
	KUNIT_EXPECT_EQ(test, t.matches, 0);
	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_1);
	KUNIT_EXPECT_EQ(test, t.matches, 1);
	KUNIT_EXPECT_EQ(test, t.last, (zx_signals_t)(ZX_USER_SIGNAL_0 |
						     ZX_USER_SIGNAL_1));
	/* No change, no callback. */
	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_1);
	KUNIT_EXPECT_EQ(test, t.matches, 1);

	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, value), ZX_OK);
	KUNIT_EXPECT_EQ(test, t.cancels, 1);
	KUNIT_EXPECT_TRUE(test, list_empty(&t.ob.node));
	zx_object_put(obj);
	zx_handle_table_close_all(&proc->handles);
}

static void strobe_wakes_observers_and_leaves_no_trace(struct kunit *test)
{
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct test_observer want = {
		.ob = { .trigger = ZX_USER_SIGNAL_2, .on_match = test_on_match },
	};
	struct test_observer other = {
		.ob = { .trigger = ZX_USER_SIGNAL_3, .on_match = test_on_match },
	};
	unsigned long flags;

	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_0);
	zx_object_add_observer(obj, &want.ob);
	zx_object_add_observer(obj, &other.ob);
	spin_lock_irqsave(obj->lock, flags);
	__zx_object_strobe_signals(obj, ZX_USER_SIGNAL_2);
	spin_unlock_irqrestore(obj->lock, flags);
	KUNIT_EXPECT_EQ(test, want.matches, 1);
	KUNIT_EXPECT_EQ(test, want.last, (zx_signals_t)(ZX_USER_SIGNAL_0 |
							ZX_USER_SIGNAL_2));
	KUNIT_EXPECT_EQ(test, other.matches, 0);
	/* Observed by the waiter, never by anyone reading the state. */
	KUNIT_EXPECT_EQ(test, zx_object_signals(obj), ZX_USER_SIGNAL_0);
	zx_object_remove_observer(obj, &want.ob);
	zx_object_remove_observer(obj, &other.ob);
	zx_object_put(obj);
}

static void edge_observers_fire_only_on_rising_triggers(struct kunit *test)
{
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct test_observer t = {
		.ob = {
			.trigger = ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1,
			.edge = true,
			.on_match = test_on_match,
			.on_cancel = test_on_cancel,
		},
	};

	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_0);
	/* Already active when added: nothing. */
	zx_object_add_observer(obj, &t.ob);
	KUNIT_EXPECT_EQ(test, t.matches, 0);
	/* A change elsewhere while the trigger stays active: nothing. */
	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_2);
	KUNIT_EXPECT_EQ(test, t.matches, 0);
	zx_object_update_signals(obj, ZX_USER_SIGNAL_0, 0);
	KUNIT_EXPECT_EQ(test, t.matches, 0);
	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_0);
	KUNIT_EXPECT_EQ(test, t.matches, 1);
	/* Another trigger bit rising counts too. */
	zx_object_update_signals(obj, 0, ZX_USER_SIGNAL_1);
	KUNIT_EXPECT_EQ(test, t.matches, 2);
	KUNIT_EXPECT_EQ(test, t.last, (zx_signals_t)(ZX_USER_SIGNAL_0 |
						     ZX_USER_SIGNAL_1 |
						     ZX_USER_SIGNAL_2));
	zx_object_remove_observer(obj, &t.ob);
	zx_object_put(obj);
}

static void last_handle_closes_peer(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	int destroyed = 0;
	struct zx_object *a = test_obj_new(test, &test_pair_type, &destroyed);
	struct zx_object *b = test_obj_new(test, &test_pair_type, &destroyed);
	zx_handle_t va1, va2;

	KUNIT_ASSERT_EQ(test, zx_object_init_peers(a, b), 0);
	KUNIT_EXPECT_EQ(test, a->related_koid, b->koid);
	KUNIT_EXPECT_EQ(test, b->related_koid, a->koid);
	va1 = test_install(test, proc, a, ZX_DEFAULT_EVENTPAIR_RIGHTS);
	va2 = test_install(test, proc, a, ZX_DEFAULT_EVENTPAIR_RIGHTS);
	test_install(test, proc, b, ZX_DEFAULT_EVENTPAIR_RIGHTS);

	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, va1), ZX_OK);
	KUNIT_EXPECT_FALSE(test, zx_object_signals(b) &
			   ZX_EVENTPAIR_PEER_CLOSED);
	KUNIT_EXPECT_EQ(test, zx_handle_close(proc, va2), ZX_OK);
	KUNIT_EXPECT_TRUE(test, zx_object_signals(b) &
			  ZX_EVENTPAIR_PEER_CLOSED);
	KUNIT_EXPECT_NULL(test, b->peer);
	zx_object_put(a);
	zx_object_put(b);
	KUNIT_EXPECT_EQ(test, destroyed, 1);
	zx_handle_table_close_all(&proc->handles);
	KUNIT_EXPECT_EQ(test, destroyed, 2);
}

static void closed_table_refuses_new_handles(struct kunit *test)
{
	struct zx_process *proc = test_proc_new(test);
	struct zx_object *obj = test_obj_new(test, &test_event_type, NULL);
	struct zx_handle *h;
	zx_handle_t value;

	zx_handle_table_close_all(&proc->handles);
	h = zx_handle_create(obj, ZX_DEFAULT_EVENT_RIGHTS);
	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_EXPECT_EQ(test, zx_handle_install(proc, h, &value),
			ZX_ERR_BAD_STATE);
	zx_handle_destroy(h);
	zx_object_put(obj);
}

static struct kunit_case zx_handle_test_cases[] = {
	KUNIT_CASE(handle_values_have_fixed_bits_and_are_distinct),
	KUNIT_CASE(closed_value_is_not_reused),
	KUNIT_CASE(freed_slot_is_reused_with_a_new_generation),
	KUNIT_CASE(table_grows_by_chunks_and_reuses_last_freed),
	KUNIT_CASE(valid_rejects_what_names_no_handle),
	KUNIT_CASE(lookup_checks_type_then_rights),
	KUNIT_CASE(values_mean_nothing_in_another_table),
	KUNIT_CASE(rights_only_shrink),
	KUNIT_CASE(observers_fire_on_trigger_and_cancel_on_close),
	KUNIT_CASE(strobe_wakes_observers_and_leaves_no_trace),
	KUNIT_CASE(edge_observers_fire_only_on_rising_triggers),
	KUNIT_CASE(last_handle_closes_peer),
	KUNIT_CASE(closed_table_refuses_new_handles),
	{}
};

static struct kunit_suite zx_handle_test_suite = {
	.name = "zircon-handles",
	.test_cases = zx_handle_test_cases,
};
kunit_test_suite(zx_handle_test_suite);
