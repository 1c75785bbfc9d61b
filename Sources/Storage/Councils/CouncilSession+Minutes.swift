import Documents

extension CouncilSession {
    /// The minutes as the secretary and the chair sign them. An open session gives a provisional
    /// text (no number, no closing time) marked as such.
    public var minutes: MinutesDocument {
        // An organisation's council is its Ban Thường vụ, sitting under its charter.
        let council = organisation.map { "Ban Thường vụ \($0.name)" } ?? "Hội đồng Thi đua – Khen thưởng \(unitName.inSentence)"
        let councilWord = organisation == nil ? "Hội đồng" : "Ban Thường vụ"
        let parts = heldOn.split(separator: "/")
        let date = parts.count == 3 ? "\(DecisionStore.place(unitName)), ngày \(parts[0]) tháng \(parts[1]) năm \(parts[2])" : heldOn
        let present = members.filter(\.present)
        let absent = members.filter { !$0.present }
        var attendance = "Thành viên \(councilWord): \(members.count) người; có mặt \(present.count) người; vắng \(absent.count) người"
        attendance += absent.isEmpty ? "." : " (\(absent.map(\.fullName).joined(separator: ", ")))."
        let rules = Array(Set(agenda.map(\.rule))).sorted()
        // The Ban Thường vụ's members are named by their posts in the association (Chủ tịch Hội…),
        // not by the roles of a People's Committee's council.
        let describe = { (member: Member) in organisation == nil ? Self.described(member) : Self.describedInOrganisation(member) }
        let time = startsAt.map { "Vào lúc \(Self.spoken($0)), ngày \(heldOn)" } ?? "Ngày \(heldOn)"
        let closing: String
        if isClosed {
            closing =
                "Phiên họp kết thúc\(endsAt.map { " lúc " + Self.spoken($0) } ?? "") cùng ngày. Biên bản đã được thông qua trước \(councilWord); kết quả biểu quyết được ghi vào hồ sơ của từng đối tượng."
        } else {
            closing = "Phiên họp chưa kết thúc: biên bản tạm, kết quả có thể thay đổi."
        }
        var document = MinutesDocument(
            authority: organisation.map { [$0.name.uppercased(), "BAN THƯỜNG VỤ"] } ?? [Self.committee(unitName), "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"],
            number: minutesNumberText ?? "      /\(minutesSymbol)",
            placeAndDate: date,
            title: "Họp \(council)" + (title.isEmpty ? "" : " — \(title)"),
            basis: foundingDecision.isEmpty
                ? nil
                : organisation == nil ? "Căn cứ \(foundingDecision) về việc thành lập \(council);" : RecognitionDecision.basis(foundingDecision),
            opening:
                "\(time), tại \(place.isEmpty ? organisation.map { "trụ sở \($0.name)" } ?? "trụ sở Ủy ban nhân dân \(unitName.inSentence)" : place), \(council) họp xét khen thưởng.",
            chair: chair.map(describe) ?? "…",
            secretary: secretary.map(describe) ?? "…",
            attendance: attendance,
            present: present.map(describe),
            rule: rules.isEmpty ? "" : "Quy chế biểu quyết: " + rules.joined(separator: " ") + ".",
            results: agenda.map {
                .init(nominee: $0.nomineeName, award: $0.award, yes: $0.yes, no: $0.no, outcome: Self.outcomeText($0.result))
            },
            closing: closing,
            secretaryName: secretary?.fullName ?? "",
            chairName: chair?.fullName ?? "",
            isDraft: !isClosed
        )
        document.councilWord = councilWord
        return document
    }

    /// The result in the minutes' words.
    public static func outcomeText(_ result: String) -> String {
        switch result {
        case "passed": "Thông qua"
        case "failed": "Không thông qua"
        case "no_quorum": "Chưa đủ số thành viên dự họp"
        default: "Chưa đủ phiếu hợp lệ"
        }
    }

    /// "Nguyễn Văn A, Chủ tịch UBND xã, Chủ tịch Hội đồng".
    static func described(_ member: Member) -> String {
        [member.fullName, member.position, member.role == .member && !member.position.isEmpty ? "" : member.role.vietnamese]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// "Mai Thị Hồng, Chủ tịch Hội"; without a post, "Ủy viên Ban Thường vụ".
    static func describedInOrganisation(_ member: Member) -> String {
        [member.fullName, member.position.isEmpty ? "Ủy viên Ban Thường vụ" : member.position].joined(separator: ", ")
    }

    /// "08 giờ 30 phút" from "08:30".
    static func spoken(_ time: String) -> String {
        let parts = time.split(separator: ":")
        guard parts.count >= 2 else { return time }
        return "\(parts[0]) giờ \(parts[1]) phút"
    }

    /// "ỦY BAN NHÂN DÂN XÃ AN HÒA".
    static func committee(_ unitName: String) -> String { "ỦY BAN NHÂN DÂN " + unitName.uppercased() }
}
