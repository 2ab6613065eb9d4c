package io.iabulk.platform.internal;

import java.util.concurrent.Executor;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/** Runs every {@code @Async} method (the modules' event listeners) on {@link ListenerExecution}. */
@Configuration(proxyBeanMethods = false)
class ListenerAsyncConfiguration implements AsyncConfigurer {

    private final ListenerExecution listeners;

    ListenerAsyncConfiguration(ListenerExecution listeners) {
        this.listeners = listeners;
    }

    @Override
    public Executor getAsyncExecutor() {
        return listeners.executor();
    }

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return new SimpleAsyncUncaughtExceptionHandler();
    }
}
