import { tokenFromAuthorization, cookieValue, jwtClaim, tokenIdentity, hashToken, serviceFromSpiffe } from "../../assembly/filter/identity";

// header {"alg":"HS256","typ":"JWT"}, payload {"sub":"alice","client_id":"web","n":7}
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImNsaWVudF9pZCI6IndlYiIsIm4iOjd9.c2lnbmF0dXJl";

describe("identity", () => {
  test("token from Authorization schemes", () => {
    expect(tokenFromAuthorization("Bearer abc.def")).toBe("abc.def");
    expect(tokenFromAuthorization("bearer   xyz ")).toBe("xyz");
    expect(tokenFromAuthorization("opaque-key")).toBe("opaque-key");
  });
  test("cookie lookup", () => {
    expect(cookieValue("a=1; session=s3cr3t; b=2", "session")).toBe("s3cr3t");
    expect(cookieValue("a=1", "session")).toBe("");
  });
  test("JWT claims are read without verification; non-JWTs yield null", () => {
    expect(jwtClaim(JWT, "sub")).toBe("alice");
    expect(jwtClaim(JWT, "n")).toBe("7");
    expect(jwtClaim(JWT, "missing")).toBeNull();
    expect(jwtClaim("not-a-jwt", "sub")).toBeNull();
    expect(jwtClaim("a.%%%.c", "sub")).toBeNull();
  });
  test("identity: claim when configured, else a hash that never contains the token", () => {
    expect(tokenIdentity(JWT, "sub")).toBe("sub:alice");
    const id = tokenIdentity("opaque-secret-token", "sub");
    expect(id).toBe("sha256:" + hashToken("opaque-secret-token"));
    expect(id.length).toBe(7 + 16);
    expect(id.includes("opaque")).toBe(false);
    expect(tokenIdentity("", "sub")).toBe("");
  });
  test("SPIFFE ids become sa.namespace", () => {
    expect(serviceFromSpiffe("spiffe://cluster.local/ns/payments/sa/payments-api")).toBe("payments-api.payments");
    expect(serviceFromSpiffe("spiffe://example.org/workload-x")).toBe("workload-x");
  });
});
