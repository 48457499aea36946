package org.p4vpn.runtime;


import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs ONOS components outside OSGi, the way the declarative-services runtime does: a component's
 * service references are set to the registered services of their types, then its
 * {@code activate()} method is called; {@link #stopAll()} calls the {@code deactivate()} methods
 * in reverse order. This lets the application's managers run unchanged in the embedded runtime.
 * The DS annotations are not kept at run time (bnd reads them at build time), so a reference is
 * recognised as an unset, non-final instance field whose type a registered service has, and the
 * life-cycle methods by ONOS's names for them.
 */
public final class ComponentContainer {

    private final List<Object> services = new ArrayList<>();
    private final List<Object> started = new ArrayList<>();

    /**
     * Registers a service that components may reference.
     *
     * @param service the service
     * @param <T>     its type
     * @return the service
     */
    public <T> T register(T service) {
        services.add(service);
        return service;
    }

    /**
     * Injects a component's references, activates it and registers it as a service.
     *
     * @param component the component
     * @param <T>       its type
     * @return the component
     * @throws IllegalStateException if a reference has no (or more than one) service
     */
    public <T> T start(T component) {
        for (Class<?> c = component.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (isUnsetReference(component, f)) {
                    set(component, f, lookup(component, f));
                }
            }
        }
        invoke(component, "activate");
        started.add(component);
        return register(component);
    }

    /**
     * Returns the registered service of a type.
     *
     * @param type type
     * @param <T>  type
     * @return the service
     */
    public <T> T get(Class<T> type) {
        for (Object s : services) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        throw new IllegalStateException("no service of type " + type.getName());
    }

    /** Deactivates every started component, last started first. */
    public void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            invoke(started.get(i), "deactivate");
        }
        started.clear();
    }

    private boolean isUnsetReference(Object component, Field f) {
        int mod = f.getModifiers();
        if (java.lang.reflect.Modifier.isStatic(mod) || java.lang.reflect.Modifier.isFinal(mod)
                || f.getType().isPrimitive()) {
            return false;
        }
        try {
            f.setAccessible(true);
            if (f.get(component) != null) {
                return false;
            }
        } catch (IllegalAccessException e) {
            return false;
        }
        return services.stream().anyMatch(s -> s != component && f.getType().isInstance(s));
    }

    private Object lookup(Object component, Field f) {
        Object found = null;
        for (Object s : services) {
            if (f.getType().isInstance(s) && s != component) {
                if (found != null && found != s) {
                    throw new IllegalStateException("two services of type " + f.getType().getName() + " for "
                            + component.getClass().getSimpleName() + "." + f.getName());
                }
                found = s;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no service of type " + f.getType().getName() + " for "
                    + component.getClass().getSimpleName() + "." + f.getName());
        }
        return found;
    }

    /**
     * Sets a field of a component (for settings a test or the runtime gives, e.g. an executor).
     *
     * @param component component
     * @param name      field name
     * @param value     value
     */
    public static void setField(Object component, String name, Object value) {
        for (Class<?> c = component.getClass(); c != Object.class; c = c.getSuperclass()) {
            try {
                set(component, c.getDeclaredField(name), value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException(component.getClass().getName() + " has no field " + name);
    }

    private static void set(Object component, Field f, Object value) {
        try {
            f.setAccessible(true);
            f.set(component, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + f, e);
        }
    }

    private static void invoke(Object component, String name) {
        for (Class<?> c = component.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    try {
                        m.setAccessible(true);
                        m.invoke(component);
                    } catch (InvocationTargetException e) {
                        Throwable cause = e.getCause();
                        throw cause instanceof RuntimeException ? (RuntimeException) cause
                                : new IllegalStateException(cause);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                    return;
                }
            }
        }
    }
}
