import LanternCore
import Testing

/// Issue 14, item 6: which addresses a webhook may never reach.
@Suite("IP address ranges")
struct IPAddressTests {
    @Test("Loopback, private, link-local, unspecified and the other special ranges are not public", arguments: [
        ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"), ("[::1]", "loopback"),
        ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.255", "private"), ("192.168.0.10", "private"),
        ("fd00::1", "private"), ("fc12::9", "private"),
        ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("0.1.2.3", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:169.254.169.254", "link-local"), ("64:ff9b::a9fe:a9fe", "link-local"),
        ("100.64.0.1", "shared (carrier-grade NAT)"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
        ("255.255.255.255", "reserved"), ("2001:db8::1", "documentation"), ("192.0.2.1", "documentation"),
    ])
    func refused(_ text: String, _ range: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.nonPublicRange == range, "\(text)")
    }

    @Test("Public addresses pass", arguments: ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.4.4"])
    func public_(_ text: String) throws {
        #expect(try #require(IPAddress(text)).nonPublicRange == nil)
    }

    @Test("Only standard literals parse; names and odd forms are left to the resolver")
    func parsing() {
        for text in ["localhost", "2130706433", "0x7f.0.0.1", "127.1", "example.com", "", "fe80::1%eth0", "1.2.3.4.5"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        #expect(IPAddress("::ffff:127.0.0.1")?.description == "::ffff:127.0.0.1")
        #expect(IPAddress("8.8.8.8")?.description == "8.8.8.8")
    }
}
