/// Compares secrets (CSRF tokens, the metrics token) in time that does not depend on where they
/// first differ, so that timing a refusal tells an attacker nothing about the secret.
enum ConstantTime {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
