package io.github.email2fa.backup;

import io.github.email2fa.account.AccountStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AccountStore} that passes every call to another and remembers it, to see what the store is given. */
final class RecordingStore {

    /** One call: the method's name and its arguments. */
    record Call(String method, List<Object> args) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AccountStore store;

    RecordingStore(AccountStore delegate) {
        this.store = (AccountStore) Proxy.newProxyInstance(AccountStore.class.getClassLoader(),
                new Class<?>[] {AccountStore.class}, (proxy, method, args) -> {
                    calls.add(new Call(method.getName(), args == null ? List.of() : Arrays.asList(args)));
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The recording store, to hand to the code under test. */
    AccountStore store() {
        return store;
    }

    /** The calls of one method, oldest first. */
    List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }
}
