-- The shipped workflows name, per step, who may add or replace dossier documents (`documents:`);
-- databases that loaded the earlier text of these two definitions take the new text here, once,
-- only where the stored text is exactly the earlier shipped one (a province's own edits are left).

UPDATE workflow_definitions SET definition = $wf$# Đề nghị khen thưởng theo chính quyền địa phương hai cấp xã – tỉnh (và Trung ương), từ ngày 01/07/2025.
# Hồ sơ bắt buộc, danh hiệu mô hình học tập yêu cầu với hộ gia đình, dòng họ, thời hạn xử lý, tỉ lệ biểu quyết là dữ liệu: tỉnh sửa theo quy chế Hội đồng Thi đua – Khen thưởng của mình.
id: khen-thuong-2-cap
version: "2025"
title: Khen thưởng theo chính quyền hai cấp xã – tỉnh (từ 01/07/2025)
valid_from: 01/07/2025
levels: [commune, province, central]
initial: xa_lap_ho_so
awards:
  - {id: giay-khen-xa, title: Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã, decided_at: commune, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
  - {id: bang-khen-tinh, title: Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh, decided_at: province, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
  - {id: bang-khen-thu-tuong, title: Bằng khen của Thủ tướng Chính phủ, decided_at: central, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
states:
  - id: xa_lap_ho_so
    title: Cấp xã lập hồ sơ
    level: commune
    documents: [submitter]
  - id: xa_tham_dinh
    title: Cấp xã kiểm tra hồ sơ
    level: commune
    deadline_working_days: 5
    documents: [reviewer]
  - id: xa_bo_sung
    title: Trả lại để bổ sung hồ sơ
    level: commune
    documents: [submitter]
  - id: xa_hoi_dong
    title: Hội đồng Thi đua – Khen thưởng cấp xã xét
    level: commune
    council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}
  - id: xa_cho_quyet_dinh
    title: Chờ Chủ tịch UBND cấp xã quyết định
    level: commune
    deadline_working_days: 10
  - id: tinh_tiep_nhan
    title: Cấp tỉnh tiếp nhận, thẩm định
    level: province
    deadline_working_days: 15
  - id: tinh_hoi_dong
    title: Hội đồng Thi đua – Khen thưởng cấp tỉnh xét
    level: province
    council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}
  - id: tinh_cho_quyet_dinh
    title: Chờ Chủ tịch UBND cấp tỉnh quyết định
    level: province
    deadline_working_days: 15
  - id: tinh_lay_y_kien
    title: Công khai, lấy ý kiến trước khi trình Thủ tướng
    level: province
    posting_days: 5
  - id: trung_uong_xet
    title: Trung ương thẩm định (Ban Thi đua – Khen thưởng Trung ương)
    level: central
    deadline_working_days: 30
  - id: da_khen_thuong
    title: Đã có quyết định khen thưởng
    level: central
    final: true
  - id: khong_khen_thuong
    title: Không khen thưởng
    level: central
    final: true
transitions:
  - from: xa_lap_ho_so
    action: submit
    to: xa_tham_dinh
    roles: [submitter]
    guards: [documents_complete, no_hold, no_duplicate, title_recognised]
    effects: [notify]
  - from: xa_tham_dinh
    action: return
    to: xa_bo_sung
    roles: [reviewer]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: xa_tham_dinh
    action: reject
    to: khong_khen_thuong
    roles: [reviewer]
    guards: [comment_given]
    effects: [notify]
  - from: xa_tham_dinh
    action: to_council
    to: xa_hoi_dong
    roles: [reviewer]
    guards: [documents_complete, eligible]
    effects: [notify]
  - from: xa_bo_sung
    action: resubmit
    to: xa_tham_dinh
    roles: [submitter]
    guards: [documents_complete]
    effects: [restart_clock, notify]
  - from: xa_hoi_dong
    action: record_vote
    to: xa_cho_quyet_dinh
    roles: [council_secretary]
    guards: [vote_passed]
    when: {decided_at: commune}
    effects: [notify]
  - from: xa_hoi_dong
    action: record_vote
    to: tinh_tiep_nhan
    roles: [council_secretary]
    guards: [vote_passed, no_hold]
    when: {decided_above: commune}
    effects: [notify]
  - from: xa_hoi_dong
    action: record_vote
    to: khong_khen_thuong
    roles: [council_secretary]
    guards: [vote_failed]
    effects: [notify]
  - from: xa_cho_quyet_dinh
    action: decide
    to: da_khen_thuong
    roles: [chair]
    effects: [draft_decision]
  - from: xa_cho_quyet_dinh
    action: reject
    to: khong_khen_thuong
    roles: [chair]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_tiep_nhan
    action: return
    to: xa_bo_sung
    roles: [reviewer]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: tinh_tiep_nhan
    action: reject
    to: khong_khen_thuong
    roles: [reviewer]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_tiep_nhan
    action: to_council
    to: tinh_hoi_dong
    roles: [reviewer]
    guards: [documents_complete, eligible]
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: tinh_cho_quyet_dinh
    roles: [council_secretary]
    guards: [vote_passed]
    when: {decided_at: province}
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: tinh_lay_y_kien
    roles: [council_secretary]
    guards: [vote_passed, no_hold]
    when: {decided_above: province}
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: khong_khen_thuong
    roles: [council_secretary]
    guards: [vote_failed]
    effects: [notify]
  - from: tinh_cho_quyet_dinh
    action: decide
    to: da_khen_thuong
    roles: [chair]
    effects: [draft_decision]
  - from: tinh_cho_quyet_dinh
    action: reject
    to: khong_khen_thuong
    roles: [chair]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_lay_y_kien
    action: forward
    to: trung_uong_xet
    roles: [chair, province_admin]
    guards: [posting_over, no_hold]
    effects: [notify]
  - from: trung_uong_xet
    action: decide
    to: da_khen_thuong
    roles: [province_admin]
    effects: [notify]
  - from: trung_uong_xet
    action: central_return
    to: tinh_tiep_nhan
    roles: [province_admin]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: trung_uong_xet
    action: reject
    to: khong_khen_thuong
    roles: [province_admin]
    guards: [comment_given]
    effects: [notify]
$wf$, checksum = '880120b40d429f55d6e9d73a6547fd76c2d26e3cc50941772acc8a545d9b3da6'
WHERE id = 'khen-thuong-2-cap' AND version = '2025' AND checksum = '4e2f043b00ab61537acad8c250b99a5da9517ed97c52f230f1847952871328d1';

UPDATE workflow_definitions SET definition = $wf$# Đề nghị khen thưởng qua ba cấp xã – huyện – tỉnh (và Trung ương), áp dụng trước ngày 01/07/2025.
# Hồ sơ bắt buộc, danh hiệu mô hình học tập yêu cầu với hộ gia đình, dòng họ, thời hạn xử lý, tỉ lệ biểu quyết là dữ liệu: tỉnh sửa theo quy chế Hội đồng Thi đua – Khen thưởng của mình.
id: khen-thuong-3-cap
version: "2024"
title: Khen thưởng qua ba cấp xã – huyện – tỉnh (trước 01/07/2025)
valid_from: 01/01/2024
valid_to: 30/06/2025
levels: [commune, district, province, central]
initial: xa_lap_ho_so
awards:
  - {id: giay-khen-xa, title: Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã, decided_at: commune, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
  - {id: giay-khen-huyen, title: Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện, decided_at: district, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
  - {id: bang-khen-tinh, title: Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh, decided_at: province, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
  - {id: bang-khen-thu-tuong, title: Bằng khen của Thủ tướng Chính phủ, decided_at: central, required_documents: [bao_cao_thanh_tich], required_titles: {household: gia-dinh-hoc-tap, clan: dong-ho-hoc-tap}}
states:
  - id: xa_lap_ho_so
    title: Cấp xã lập hồ sơ
    level: commune
    documents: [submitter]
  - id: xa_tham_dinh
    title: Cấp xã kiểm tra hồ sơ
    level: commune
    deadline_working_days: 5
    documents: [reviewer]
  - id: xa_bo_sung
    title: Trả lại để bổ sung hồ sơ
    level: commune
    documents: [submitter]
  - id: xa_hoi_dong
    title: Hội đồng Thi đua – Khen thưởng cấp xã xét
    level: commune
    council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}
  - id: xa_cho_quyet_dinh
    title: Chờ Chủ tịch UBND cấp xã quyết định
    level: commune
    deadline_working_days: 10
  - id: huyen_tiep_nhan
    title: Cấp huyện tiếp nhận, thẩm định
    level: district
    deadline_working_days: 10
  - id: huyen_bo_sung
    title: Cấp huyện bổ sung hồ sơ theo yêu cầu của tỉnh
    level: district
    documents: [reviewer]
  - id: huyen_hoi_dong
    title: Hội đồng Thi đua – Khen thưởng cấp huyện xét
    level: district
    council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}
  - id: huyen_cho_quyet_dinh
    title: Chờ Chủ tịch UBND cấp huyện quyết định
    level: district
    deadline_working_days: 10
  - id: tinh_tiep_nhan
    title: Cấp tỉnh tiếp nhận, thẩm định
    level: province
    deadline_working_days: 15
  - id: tinh_hoi_dong
    title: Hội đồng Thi đua – Khen thưởng cấp tỉnh xét
    level: province
    council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}
  - id: tinh_cho_quyet_dinh
    title: Chờ Chủ tịch UBND cấp tỉnh quyết định
    level: province
    deadline_working_days: 15
  - id: tinh_lay_y_kien
    title: Công khai, lấy ý kiến trước khi trình Thủ tướng
    level: province
    posting_days: 5
  - id: trung_uong_xet
    title: Trung ương thẩm định (Ban Thi đua – Khen thưởng Trung ương)
    level: central
    deadline_working_days: 30
  - id: da_khen_thuong
    title: Đã có quyết định khen thưởng
    level: central
    final: true
  - id: khong_khen_thuong
    title: Không khen thưởng
    level: central
    final: true
transitions:
  - from: xa_lap_ho_so
    action: submit
    to: xa_tham_dinh
    roles: [submitter]
    guards: [documents_complete, no_hold, no_duplicate, title_recognised]
    effects: [notify]
  - from: xa_tham_dinh
    action: return
    to: xa_bo_sung
    roles: [reviewer]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: xa_tham_dinh
    action: reject
    to: khong_khen_thuong
    roles: [reviewer]
    guards: [comment_given]
    effects: [notify]
  - from: xa_tham_dinh
    action: to_council
    to: xa_hoi_dong
    roles: [reviewer]
    guards: [documents_complete, eligible]
    effects: [notify]
  - from: xa_bo_sung
    action: resubmit
    to: xa_tham_dinh
    roles: [submitter]
    guards: [documents_complete]
    effects: [restart_clock, notify]
  - from: xa_hoi_dong
    action: record_vote
    to: xa_cho_quyet_dinh
    roles: [council_secretary]
    guards: [vote_passed]
    when: {decided_at: commune}
    effects: [notify]
  - from: xa_hoi_dong
    action: record_vote
    to: huyen_tiep_nhan
    roles: [council_secretary]
    guards: [vote_passed, no_hold]
    when: {decided_above: commune}
    effects: [notify]
  - from: xa_hoi_dong
    action: record_vote
    to: khong_khen_thuong
    roles: [council_secretary]
    guards: [vote_failed]
    effects: [notify]
  - from: xa_cho_quyet_dinh
    action: decide
    to: da_khen_thuong
    roles: [chair]
    effects: [draft_decision]
  - from: xa_cho_quyet_dinh
    action: reject
    to: khong_khen_thuong
    roles: [chair]
    guards: [comment_given]
    effects: [notify]
  - from: huyen_tiep_nhan
    action: return
    to: xa_bo_sung
    roles: [reviewer]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: huyen_tiep_nhan
    action: reject
    to: khong_khen_thuong
    roles: [reviewer]
    guards: [comment_given]
    effects: [notify]
  - from: huyen_tiep_nhan
    action: to_council
    to: huyen_hoi_dong
    roles: [reviewer]
    guards: [documents_complete, eligible]
    effects: [notify]
  - from: huyen_bo_sung
    action: resubmit
    to: tinh_tiep_nhan
    roles: [reviewer]
    guards: [documents_complete]
    effects: [restart_clock, notify]
  - from: huyen_hoi_dong
    action: record_vote
    to: huyen_cho_quyet_dinh
    roles: [council_secretary]
    guards: [vote_passed]
    when: {decided_at: district}
    effects: [notify]
  - from: huyen_hoi_dong
    action: record_vote
    to: tinh_tiep_nhan
    roles: [council_secretary]
    guards: [vote_passed, no_hold]
    when: {decided_above: district}
    effects: [notify]
  - from: huyen_hoi_dong
    action: record_vote
    to: khong_khen_thuong
    roles: [council_secretary]
    guards: [vote_failed]
    effects: [notify]
  - from: huyen_cho_quyet_dinh
    action: decide
    to: da_khen_thuong
    roles: [chair]
    effects: [draft_decision]
  - from: huyen_cho_quyet_dinh
    action: reject
    to: khong_khen_thuong
    roles: [chair]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_tiep_nhan
    action: return
    to: huyen_bo_sung
    roles: [reviewer]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: tinh_tiep_nhan
    action: reject
    to: khong_khen_thuong
    roles: [reviewer]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_tiep_nhan
    action: to_council
    to: tinh_hoi_dong
    roles: [reviewer]
    guards: [documents_complete, eligible]
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: tinh_cho_quyet_dinh
    roles: [council_secretary]
    guards: [vote_passed]
    when: {decided_at: province}
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: tinh_lay_y_kien
    roles: [council_secretary]
    guards: [vote_passed, no_hold]
    when: {decided_above: province}
    effects: [notify]
  - from: tinh_hoi_dong
    action: record_vote
    to: khong_khen_thuong
    roles: [council_secretary]
    guards: [vote_failed]
    effects: [notify]
  - from: tinh_cho_quyet_dinh
    action: decide
    to: da_khen_thuong
    roles: [chair]
    effects: [draft_decision]
  - from: tinh_cho_quyet_dinh
    action: reject
    to: khong_khen_thuong
    roles: [chair]
    guards: [comment_given]
    effects: [notify]
  - from: tinh_lay_y_kien
    action: forward
    to: trung_uong_xet
    roles: [chair, province_admin]
    guards: [posting_over, no_hold]
    effects: [notify]
  - from: trung_uong_xet
    action: decide
    to: da_khen_thuong
    roles: [province_admin]
    effects: [notify]
  - from: trung_uong_xet
    action: central_return
    to: tinh_tiep_nhan
    roles: [province_admin]
    guards: [comment_given]
    effects: [restart_clock, notify]
  - from: trung_uong_xet
    action: reject
    to: khong_khen_thuong
    roles: [province_admin]
    guards: [comment_given]
    effects: [notify]
$wf$, checksum = 'fa5e8b630985606adc40c3601f72283058e347bf8db0662bf6064ba3b86193d5'
WHERE id = 'khen-thuong-3-cap' AND version = '2024' AND checksum = '0575142ad162f42d6edbc889c12ae1b32c50c7dc7c58599c02adf605c10efd0a';
