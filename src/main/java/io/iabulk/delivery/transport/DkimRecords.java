package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.SendingSettings;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** The DNS record that receivers check DKIM signatures against, derived from the private key. */
public final class DkimRecords {

    private DkimRecords() {}

    /** The signing settings and their TXT record, or {@code null} when DKIM is not configured. */
    public static SendingSettings.Dkim of(DeliveryProperties.Dkim settings) {
        if (settings == null || !settings.enabled()) {
            return null;
        }
        String name = settings.selector() + "._domainkey." + settings.domain();
        try {
            String pem = settings.privateKey() != null && !settings.privateKey().isBlank()
                    ? settings.privateKey()
                    : Files.readString(settings.privateKeyFile());
            PrivateKey key = DkimSigner.privateKey(pem);
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                return new SendingSettings.Dkim(
                        settings.domain(), settings.selector(), name, null, "The key holds no public part");
            }
            BigInteger modulus = crt.getModulus();
            byte[] spki = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent()))
                    .getEncoded();
            return new SendingSettings.Dkim(
                    settings.domain(),
                    settings.selector(),
                    name,
                    "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki),
                    null);
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            return new SendingSettings.Dkim(settings.domain(), settings.selector(), name, null, e.getMessage());
        }
    }
}
