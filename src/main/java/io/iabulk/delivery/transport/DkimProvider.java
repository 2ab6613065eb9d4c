package io.iabulk.delivery.transport;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider of the DKIM signatures: the Amazon Corretto Crypto Provider (ACCP, RSA in
 * AWS-LC's native code, about three times faster than the JDK's) where its native library loads,
 * else the JDK's own. It is used for these signatures only and never installed as a JVM-wide
 * provider, so TLS and everything else keep the JDK's providers (docs/decisions/0010).
 *
 * @param provider the provider passed to {@link Signature#getInstance(String, Provider)}
 * @param isNative whether it is ACCP
 */
record DkimProvider(Provider provider, boolean isNative) {

    static final String ALGORITHM = "SHA256withRSA";

    private static final Logger log = LoggerFactory.getLogger(DkimProvider.class);

    /** The JDK's provider of {@code SHA256withRSA} (SunRsaSign), the one used where ACCP is not. */
    static DkimProvider jdk() {
        try {
            return new DkimProvider(Signature.getInstance(ALGORITHM).getProvider(), false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK has no " + ALGORITHM, e);
        }
    }

    /**
     * ACCP when {@code nativeWanted} and it loads here (it ships for Linux x86-64 only), else the
     * JDK's. Says which, once: this runs when the signer is built.
     */
    static DkimProvider choose(boolean nativeWanted) {
        return choose(nativeWanted, DkimProvider::nativeProblem);
    }

    /** As {@link #choose(boolean)}, with what prevents ACCP here (null: nothing); tests simulate a failure. */
    static DkimProvider choose(boolean nativeWanted, Supplier<String> nativeProblem) {
        if (!nativeWanted) {
            DkimProvider jdk = jdk();
            log.info(
                    "DKIM signatures use the JDK's {} (iabulk.delivery.dkim.native-provider=false)",
                    jdk.provider().getName());
            return jdk;
        }
        String problem = nativeProblem.get();
        if (problem == null) {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            log.info(
                    "DKIM signatures use the Amazon Corretto Crypto Provider {} ({})",
                    accp.getVersionStr(),
                    accp.getAwsLcVersionStr());
            return new DkimProvider(accp, true);
        }
        DkimProvider jdk = jdk();
        log.warn(
                "DKIM signatures use the JDK's {}, about three times slower: the Amazon Corretto Crypto Provider"
                        + " cannot load here ({})",
                jdk.provider().getName(),
                problem);
        return jdk;
    }

    /** Why ACCP cannot be used on this machine, or null when it can. */
    static String nativeProblem() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                return error.toString();
            }
            accp.assertHealthy(); // its self-tests
            return null;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // LinkageError: the jar is missing (a repackaged build) or its library is for another
            // platform; AssertionError: how ACCP reports a library it could not extract or load
            return e.toString();
        }
    }

    /** The provider's name, as the log and the tests show it. */
    String name() {
        return provider.getName();
    }
}
