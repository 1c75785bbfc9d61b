/// The key of one record of a table kept by province: the province's code and the record's number
/// there (`nominations` 88/12 and `decisions` 88/12 are different records). The record's type is
/// part of the key's type, so the compiler refuses a nomination's key where a decision's is
/// expected — the mistake a pair of `provinceCode:` and `id:` arguments let through.
public struct RecordKey<Record>: Hashable, Sendable, CustomStringConvertible {
    public let provinceCode: String
    public let id: Int

    public init(provinceCode: String, id: Int) {
        self.provinceCode = provinceCode
        self.id = id
    }

    /// "88/12", as pages and logs name a record.
    public var description: String { "\(provinceCode)/\(id)" }
}

/// A record that has such a key.
public protocol ProvinceRecord {
    var provinceCode: String { get }
    var id: Int { get }
}

extension ProvinceRecord {
    public var key: RecordKey<Self> { RecordKey(provinceCode: provinceCode, id: id) }
}

public typealias NominationKey = RecordKey<NominationStore.Nomination>
public typealias DecisionKey = RecordKey<Decision>
public typealias CouncilSessionKey = RecordKey<CouncilSession>
public typealias AssessmentKey = RecordKey<AssessmentRepository.StoredAssessment>
public typealias RegistrationKey = RecordKey<RegistrationStore.Registration>
public typealias RoundKey = RecordKey<RoundStore.Round>

extension NominationStore.Nomination: ProvinceRecord {}
extension Decision: ProvinceRecord {}
extension CouncilSession: ProvinceRecord {}
extension AssessmentRepository.StoredAssessment: ProvinceRecord {}
extension RegistrationStore.Registration: ProvinceRecord {}
extension RoundStore.Round: ProvinceRecord {}
